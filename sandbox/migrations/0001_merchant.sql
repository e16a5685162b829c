-- The merchant backend's tables, in SQL that SQLite and PostgreSQL both read as written:
-- TEXT and BIGINT only, flags as 0/1, times as Unix seconds or milliseconds.
CREATE TABLE orders (
  order_id TEXT PRIMARY KEY,
  amount TEXT NOT NULL,
  currency TEXT NOT NULL,
  description TEXT NOT NULL,
  gateway TEXT NOT NULL,
  auth BIGINT NOT NULL,
  async BIGINT NOT NULL,
  status TEXT NOT NULL,
  attempt_key TEXT,
  decline_reason TEXT,
  descriptor TEXT,
  trans_id TEXT,
  email TEXT,
  card_part TEXT,
  created BIGINT NOT NULL
);
CREATE INDEX orders_by_status ON orders (status, created);

CREATE TABLE attempts (
  key TEXT PRIMARY KEY,
  order_id TEXT NOT NULL,
  binding TEXT NOT NULL,
  state TEXT NOT NULL,
  trans_id TEXT,
  http_status BIGINT,
  body TEXT,
  started_ms BIGINT NOT NULL,
  email TEXT NOT NULL
);
CREATE INDEX attempts_by_order ON attempts (order_id);
CREATE INDEX attempts_by_state ON attempts (state, started_ms);

CREATE TABLE reversals (
  trans_id TEXT PRIMARY KEY,
  order_id TEXT NOT NULL,
  amount TEXT NOT NULL,
  currency TEXT NOT NULL,
  state TEXT NOT NULL,
  created_ms BIGINT NOT NULL
);
CREATE INDEX reversals_by_order ON reversals (order_id);

CREATE TABLE merchant_callbacks (
  id TEXT PRIMARY KEY,
  order_id TEXT NOT NULL,
  trans_id TEXT NOT NULL,
  body TEXT NOT NULL,
  decision TEXT NOT NULL,
  received BIGINT NOT NULL
);

CREATE TABLE customers (
  session TEXT PRIMARY KEY,
  created BIGINT NOT NULL
);

CREATE TABLE saved_cards (
  id TEXT PRIMARY KEY,
  customer TEXT NOT NULL,
  gateway TEXT NOT NULL,
  gateway_token TEXT NOT NULL,
  last4 TEXT NOT NULL,
  brand TEXT NOT NULL,
  card_part TEXT NOT NULL,
  created_ms BIGINT NOT NULL
);
CREATE INDEX saved_cards_by_customer ON saved_cards (customer, created_ms);
