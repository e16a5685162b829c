// Type-checks `rust-card-checkout/react` as a merchant's TSX uses it (`tsc --noEmit`).
import { Checkout } from '../../www/src/react.js';

export const page = (
  <Checkout
    options={{ endpoint: '/api/pay', order: { order_id: 'ORDER-1', order_amount: '12.00', order_currency: 'USD' }, locale: 'de' }}
    onResult={(r) => console.log(r.state, r.status)}
    onChange={(e) => console.log(e.brand === 'elo')}
    className="checkout"
  />
);

// @ts-expect-error: the options are required
export const noOptions = <Checkout />;

// @ts-expect-error: not an option of the widget
export const typo = <Checkout options={{ endpont: '/api/pay' }} />;
