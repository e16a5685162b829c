// Types of the checkout widget's JS API (ES module entry, script tag and custom element).

/** A protocol field the payer fills: its wire name and DOM `name`. */
export type PayerField =
  | 'card_holder'
  | 'payer_first_name' | 'payer_middle_name' | 'payer_last_name'
  | 'payer_email' | 'payer_phone' | 'payer_birth_date'
  | 'payer_country' | 'payer_address' | 'payer_address2'
  | 'payer_city' | 'payer_state' | 'payer_zip';

/** A field of the form (`onChange`'s `field`): the card's and the payer's. */
export type FormField = 'card_number' | 'card_exp' | 'card_cvv2' | PayerField;

/** Merchant fields of the SALE request the widget shows or checks. */
export interface Order {
  order_id: string;
  /** `XXXX.XX` without leading zeros (1.99, 0.99, 1200.00). Shown on the Pay button; the backend charges from its own record. */
  order_amount?: string;
  /** ISO 4217 (USD, EUR, RUB, ...). */
  order_currency?: string;
  /** At most 1024 characters. */
  order_description?: string;
  channel_id?: string;
  term_url_3ds?: string;
  auth?: 'Y' | 'N';
  async?: 'Y' | 'N';
  recurring_init?: 'Y' | 'N';
  ext1?: string; ext2?: string; ext3?: string; ext4?: string; ext5?: string;
  ext6?: string; ext7?: string; ext8?: string; ext9?: string; ext10?: string;
}

export type Presence = 'required' | 'optional' | 'hidden';

/** Where the bank's 3-D Secure page opens (the `challenge` option). */
export type Challenge = 'redirect' | 'inline';

/** The states of the widget's root `data-state`. */
export type WidgetState = 'editing' | 'submitting' | 'redirecting' | 'success' | 'declined' | 'error' | 'pending' | 'unknown';

/** Transaction statuses of the Payment Platform. */
export type TxStatus =
  | '3DS' | 'PENDING' | 'SETTLED' | 'REVERSAL' | 'REFUND' | 'CHARGEBACK' | 'SECOND_PRESENTMENT'
  | 'SECOND_CHARGEBACK' | 'ARBITRATION' | 'ARBITRATION_REVERSAL' | 'ARBITRATION_WON' | 'ARBITRATION_LOST'
  | 'DECLINED' | 'REDIRECT' | 'PREPARE' | 'VOID';

/** A card brand's id (`onChange`, `data-brand`): the rows of rules/src/card/brands.rs. */
export type Brand =
  | 'visa' | 'mastercard' | 'amex' | 'discover' | 'diners' | 'jcb' | 'unionpay' | 'maestro' | 'mir'
  | 'elo' | 'hiper' | 'hipercard' | 'troy' | 'verve' | 'naranja';

/** An order's status as the reference backend's status URL names it (README "Your backend",
 *  10); a transaction status of the gateway is read there too. */
export type OrderStatus = 'NEW' | 'PROCESSING' | '3DS' | 'PENDING' | 'SETTLED' | 'DECLINED';

export interface ChangeEvent {
  /** The protocol name of the field that changed. Never its value. */
  field: FormField;
  valid: boolean;
  brand: Brand | null;
  /** Every field of the form is valid. */
  complete: boolean;
}

/** What the widget reads from the payer's browser at each send, for 3-D Secure 2 (PayCross v3
 *  `additional_data.browser`; your backend adds `accept_header` from the payer's request). */
export interface BrowserData {
  screen_width: number;
  screen_height: number;
  screen_color_depth: number;
  /** `navigator.language`, e.g. `en-US` */
  language: string;
  java_enabled: false;
  user_agent: string;
  /** `Date.getTimezoneOffset()`: minutes, UTC+3 is -180 */
  time_zone: number;
  /** IANA time zone from `Intl`, e.g. `Europe/Vilnius` */
  time_zone_name: string;
  window_height: number;
  window_width: number;
}

/** The JSON body the widget POSTs to `endpoint` (with an `Idempotency-Key` header): the
 *  protocol fields as strings, and `browser`. */
export type PaymentRequest = { order_id: string; browser: BrowserData } & { [field: string]: string | BrowserData };

export interface SubmitEvent {
  order_id: string;
  brand: ChangeEvent['brand'];
  /** The payer's non-card fields. Card number, expiry and CVC are never included. */
  fields: Record<string, string>;
}

/** `onResult`'s payload. With `challenge: 'inline'` the way to the bank (`redirecting`) is not
 *  told: the payer stays on your page, and the payment's outcome is told once. */
export interface ResultEvent {
  state: WidgetState;
  /** In result mode, the status as your status URL names it. */
  status: TxStatus | OrderStatus | null;
  reason: string | null;
  descriptor: string | null;
}

/** Why a payment ended in an error (`onError`, and `checkout-error` of the custom element):
 *  - `locale_unavailable`: the payer's locale file could not be loaded: English is shown;
 *  - `field_errors`: your backend put messages on fields the payer can correct;
 *  - `payment_refused`: your backend answered an ERROR without field messages;
 *  - `bad_answer`: the answer could not be read as either dialect;
 *  - `redirect_refused`: a REDIRECT to a URL or with a method the widget refuses (never navigated);
 *  - `mount` (the custom element and the React component): the options were refused (a wasm that did not load is a `load_…` code);
 *  - `internal`: the widget stopped on a defect of its own (a WebAssembly trap or an exception
 *    through its code): the payer reads "Something went wrong. Please reload the page." in its
 *    place; a later `mount` on the page rejects with the same code. */
export type ErrorCode = 'field_errors' | 'payment_refused' | 'bad_answer' | 'redirect_refused' | 'mount' | 'locale_unavailable' | 'internal'
  /** The widget could not load (the message names the URL): README "Bundlers". */
  | 'load_http' | 'load_not_wasm' | 'load_network' | 'load_csp' | 'load_integrity' | 'load_failed';

/** The name of every text the widget shows (English is built in; `locale-<code>.json` of the
 *  package has each of them for its language). */
export type TextKey =
  'label.card_number' | 'label.card_exp' | 'label.card_cvv2' | 'label.card_holder' |
  'label.payer_first_name' | 'label.payer_last_name' | 'label.payer_middle_name' |
  'label.payer_birth_date' | 'label.payer_address' | 'label.payer_address2' | 'label.payer_country'
  | 'label.payer_state' | 'label.payer_city' | 'label.payer_zip' | 'label.payer_email' |
  'label.payer_phone' | 'problem.required' | 'problem.too_long' | 'problem.control_chars' |
  'problem.card_chars' | 'problem.card_brand' | 'problem.card_length' | 'problem.card_luhn' |
  'problem.expiry_format' | 'problem.expiry_month' | 'problem.expiry_past' |
  'problem.expiry_too_far' | 'problem.cvc_digits' | 'problem.cvc_length' | 'problem.email' |
  'problem.phone' | 'problem.date_format' | 'problem.date_not_real' | 'problem.date_future' |
  'problem.country' | 'problem.state' | 'problem.us_zip' | 'status.3DS' | 'status.PENDING' |
  'status.SETTLED' | 'status.REVERSAL' | 'status.REFUND' | 'status.CHARGEBACK' |
  'status.SECOND_PRESENTMENT' | 'status.SECOND_CHARGEBACK' | 'status.ARBITRATION' |
  'status.ARBITRATION_REVERSAL' | 'status.ARBITRATION_WON' | 'status.ARBITRATION_LOST' |
  'status.DECLINED' | 'status.REDIRECT' | 'status.PREPARE' | 'status.VOID' | 'card_section' |
  'payer_section' | 'pay' | 'paying' | 'optional' | 'select_country' | 'select_state' | 'saved_card'
  | 'use_new_card' | 'use_saved_card' | 'save_card' | 'expiry_hint' | 'cvc_back' | 'cvc_front' | 'status_submitting' |
  'status_redirecting' | 'continue_to_bank' | 'challenge_title' | 'challenge_close' | 'challenge_continue' | 'success_title' | 'amount_paid' | 'declined_title' |
  'declined_generic' | 'try_again' | 'error_title' | 'fix_fields' | 'pending_title' | 'pending_body'
  | 'unknown_title' | 'unknown_body' | 'check_again' | 'retry_same' | 'descriptor' | 'order_status'
  | 'bad_answer' | 'redirect_refused' | 'fields_invalid' | 'loading';

/** Texts per two-letter language, overriding the package's: `{ de: { 'label.card_number': 'Kartennummer' } }`.
 *  An unknown key fails `mount`, naming it. */
export type Translations = Record<string, Partial<Record<TextKey, string>>>;

export interface ErrorEvent {
  code: ErrorCode;
  message: string;
}

export interface RedirectEvent {
  url: string;
  method: 'GET' | 'POST';
}

/** The languages the package has texts for (English built in, the others a locale file each). */
export type Locale = 'en' | 'ar' | 'be' | 'bg' | 'ca' | 'cs' | 'da' | 'de' | 'el' | 'es' | 'et' | 'fi' | 'fr' | 'he' | 'hr' | 'hu' | 'it'
  | 'ja' | 'kk' | 'ko' | 'lt' | 'lv' | 'nb' | 'nl' | 'pl' | 'pt' | 'ro' | 'ru' | 'sk' | 'sl' | 'sv' | 'tr' | 'uk' | 'zh-Hans' | 'zh-Hant';

export interface Options {
  /** `checkout` (default) or `result` (the return page after 3-D Secure). */
  mode?: 'checkout' | 'result';
  /** Where the bank's 3-D Secure page opens: `redirect` (default) takes the whole page there and
   *  back to your return page; `inline` opens it in a dialog of the widget, the payer never
   *  leaves your page (your CSP needs `frame-src https:`; README "3-D Secure inline"). */
  challenge?: Challenge;
  /** Your backend's payment URL: a path on your site or an absolute http(s) URL. Required in checkout mode. */
  endpoint?: string;
  /** Your backend's order status URL; `{order_id}` is replaced. Used for pending, unknown and result mode. */
  statusUrl?: string;
  /** The order id alone (result mode); same as `order.order_id`. */
  orderId?: string;
  order?: Order;
  /** The payer's language, a BCP 47 tag resolved to one of the package's locales (`pt-BR` → `pt`,
   *  `zh-TW` → `zh-Hant`, `zh-CN` → `zh-Hans`, `no`/`nn` → `nb`): en (built in), ar, be, bg, ca, cs, da, de, el, es, et, fi, fr, he, hr, hu, it, ja, kk, ko, lt, lv, nb, nl, pl, pt, ro, ru, sk, sl, sv, tr, uk, zh-Hans, zh-Hant.
   *  Default: the page's `<html lang>`, then the browser's languages; a language without texts is English. */
  locale?: Locale | string;
  /** Your own texts for any key, per language (over the package's). */
  translations?: Translations;
  /** Per payer field: shown and required (the spec's default), optional, or hidden. */
  fields?: Partial<Record<PayerField, Presence>>;
  /** Prefilled payer fields (never card data). A hidden field with a value is still sent. */
  values?: Partial<Record<PayerField, string>>;
  /** Offer "save this card" (sends `req_token=Y`). */
  allowSaveCard?: boolean;
  /** A card the merchant backend keeps for this payer's session, offered beside a new card: `id` is the backend's own opaque id of it (1–64 letters, digits, `-` or `_`; never the gateway's card token), `last4` and `brand` what the payer knows it by. Any other key is refused. Paying with it sends `saved_card_id`. */
  savedCard?: { id: string; last4?: string; brand?: string };
  /** Extra request headers for your backend (a CSRF token, say). */
  headers?: Record<string, string>;
  /** Payment request timeout; default 30000. */
  timeoutMs?: number;
  /** Status polling interval; default 2000. */
  pollIntervalMs?: number;
  /** How long to poll a pending payment; default 120000. */
  pollTimeoutMs?: number;
  /** Where the .wasm is served, if not next to index.js. */
  wasmUrl?: string | URL;
  onReady?: () => void;
  onChange?: (e: ChangeEvent) => void;
  /** Return `false` to cancel, or an object of extra string fields to send. */
  onSubmit?: (e: SubmitEvent) => void | false | Record<string, string>;
  onResult?: (e: ResultEvent) => void;
  onError?: (e: ErrorEvent) => void;
  /** Return `false` (or a Promise of it) to cancel the 3-D Secure redirect, a Promise to delay it. */
  beforeRedirect?: (e: RedirectEvent) => void | boolean | Promise<void | boolean>;
}

export interface Handle {
  /** Unmounts: removes the widget's element (card inputs included) from the target, leaving
   *  anything else in the target alone, and stops its polls. Mount again as often as you like:
   *  the next mount reuses the wasm-side app, so remounting does not grow memory. */
  destroy(): void;
}

/** Loads the wasm (once), checked against the SRI hash the package was built with.
 *  `response`: a fetch of `wasmUrl` already under way. Rejects with an Error whose `code`
 *  is one of the `load_…` ErrorCodes. */
export function load(wasmUrl?: string | URL, response?: Promise<Response>): Promise<unknown>;

/** Mounts the widget into an element or a CSS selector. Rejects, naming the option and the rule, when an option is refused;
 *  when the widget cannot load, rejects with an Error whose `code` is a `load_…` ErrorCode (also given to `onError`);
 *  when the element already holds a live widget (or one mounting), rejects naming the element: `destroy()` that one first. */
export function mount(target: Element | string, options: Options): Promise<Handle>;

/** `<checkout-widget endpoint status-url order-id amount currency description locale mode challenge wasm-url required-fields optional-fields hidden-fields>` (field lists space-separated); events: checkout-ready, checkout-change, checkout-submit, checkout-result, checkout-error, checkout-before-redirect (detail = the payload above). */
export class CheckoutWidgetElement extends HTMLElement {}

declare global {
  interface Window {
    CheckoutWidget: { mount(target: Element | string, options: Options): Promise<Handle>; load(): Promise<unknown> };
  }
  interface HTMLElementTagNameMap {
    'checkout-widget': CheckoutWidgetElement;
  }
}
