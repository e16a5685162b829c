'use client';
// Imports the package at the module's top, as framework code does: evaluated on the server
// too, where there is no DOM; the widget mounts in the browser only (in an effect).
import { Checkout } from 'rust-card-checkout/react';

export default function Pay({ order }) {
  const options = {
    endpoint: '/api/pay',
    statusUrl: '/api/orders/{order_id}',
    order: { order_id: order.order_id, order_amount: order.amount, order_currency: order.currency, order_description: order.description },
    fields: { payer_middle_name: 'hidden', payer_birth_date: 'hidden', payer_address2: 'optional', payer_phone: 'optional' },
  };
  return <Checkout options={options} onError={(e) => (window.checkoutErrors ||= []).push(e)} />;
}
