// How bytes are counted, for the gate (scripts/budget.mjs) and the benchmark (bench/run.mjs)
// alike: brotli at quality 11 over the files every payer fetches.
import { readFileSync } from 'node:fs';
import { brotliCompressSync, constants } from 'node:zlib';

/** The files of the English payer's bundle (a payer in another language adds a locale file). */
export const BUNDLE = ['checkout_widget_bg.wasm', 'index.js', 'checkout-widget.js', 'checkout-widget.css'];

/** `data` compressed as the figures count it. */
export const brotli = (data) => brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } });

/** The compressed size of a file. */
export const brotliSize = (path) => brotli(readFileSync(path)).length;
