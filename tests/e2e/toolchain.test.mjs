// The release build's unstable options run only on the rustc rust-toolchain.toml pins:
// scripts/release-flags.sh stops on any other, naming both versions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const pinned = readFileSync(join(ROOT, 'rust-toolchain.toml'), 'utf8').match(/^channel = "(.+)"$/m)[1];
const flags = (env) => spawnSync('bash', ['-c', 'set -euo pipefail; source scripts/release-flags.sh; echo "$RUSTFLAGS"'],
  { cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8' });

test('the pinned rustc gets the release flags', () => {
  const r = flags({});
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /-Cpanic=immediate-abort/);
});

test('another rustc stops the build with a message naming both versions', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cw-rustc-'));
  try {
    // a rustc that answers like a newer release, first on PATH
    writeFileSync(join(dir, 'rustc'), `#!/bin/sh\nprintf 'rustc 1.999.0\\nrelease: 1.999.0\\ncommit-hash: 0\\n'\n`);
    chmodSync(join(dir, 'rustc'), 0o755);
    const r = flags({ PATH: `${dir}:${process.env.PATH}` });
    assert.equal(r.status, 1);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, new RegExp(`rustc 1\\.999\\.0 is not ${pinned.replaceAll('.', '\\.')}`));
    assert.match(r.stderr, /rust-toolchain\.toml/);
  } finally {
    rmSync(dir, { recursive: true });
  }
});
