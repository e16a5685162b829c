// Types of `rust-card-checkout/react`.
import type { Options } from './index.js';

/** Where the bank's 3-D Secure page opens: `options.challenge`. */
export type { Challenge } from './index.js';

type Hooks = Pick<Options, 'onReady' | 'onChange' | 'onSubmit' | 'onResult' | 'onError' | 'beforeRedirect'>;

export interface CheckoutProps extends Hooks {
  /** The options of `mount` (`challenge: 'inline'` too). A change of any value but a callback
   *  mounts the widget again (a payment in progress keeps its Idempotency-Key; an open inline
   *  challenge closes); a new object with the same content does not. Callbacks here or as
   *  props are read when called: changing them never remounts. */
  options: Options;
  className?: string;
  id?: string;
}

/** The checkout widget as a React component (React 16.8 – 19). */
export function Checkout(props: CheckoutProps): import('react').ReactElement;
