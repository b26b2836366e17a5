-- Demo order-management database for `make scan` (SQLite). Build: sqlite3 demo.sqlite < demo.sql
-- Ages are relative to the example's anchor, 2026-11-27 10:00:00 UTC (views over seed tables):
-- orders shipped more than 30 days before it are redacted, recent ones hold (fictitious) PII,
-- and the purge job last succeeded an hour before it. `python -m auditor.example` moves the
-- anchor to the day of the scan, like every other date of the example.
CREATE TABLE orders_seed (
    id INTEGER PRIMARY KEY,
    amazon_order_id TEXT NOT NULL,
    status TEXT NOT NULL,
    purchased_days_ago INTEGER NOT NULL,
    shipped_days_ago INTEGER,
    cancelled_days_ago INTEGER,
    buyer_name TEXT,
    buyer_email TEXT,
    ship_address TEXT,
    ship_postcode TEXT
);
INSERT INTO orders_seed VALUES
 (1, '203-1111111-1111111', 'shipped', 70, 65, NULL, '[REDACTED]', '[REDACTED]', '[REDACTED]', '[REDACTED]'),
 (2, '203-2222222-2222222', 'shipped', 40, 38, NULL, NULL, NULL, NULL, NULL),
 (3, '203-3333333-3333333', 'cancelled', 50, NULL, 48, '[REDACTED]', '[REDACTED]', '[REDACTED]', '[REDACTED]'),
 (4, '203-4444444-4444444', 'shipped', 6, 5, NULL, 'Jane Example', 'jane@example.org', '1 High Street, Leeds', 'LS1 1AA'),
 (5, '203-5555555-5555555', 'open', 2, NULL, NULL, 'John Example', 'john@example.org', '2 Mill Lane, York', 'YO1 7HH');
CREATE VIEW orders AS SELECT
    id, amazon_order_id, status,
    datetime('2026-11-27 10:00:00', '-' || purchased_days_ago || ' days') AS purchased_at,
    CASE WHEN shipped_days_ago IS NULL THEN NULL ELSE datetime('2026-11-27 10:00:00', '-' || shipped_days_ago || ' days') END AS shipped_at,
    CASE WHEN cancelled_days_ago IS NULL THEN NULL ELSE datetime('2026-11-27 10:00:00', '-' || cancelled_days_ago || ' days') END AS cancelled_at,
    buyer_name, buyer_email, ship_address, ship_postcode
FROM orders_seed;
CREATE VIEW purge_runs AS SELECT
    datetime('2026-11-27 10:00:00', '-1 hours') AS finished_at, 'success' AS status, 3 AS rows_purged;
CREATE TABLE api_log_seed (
    id INTEGER PRIMARY KEY,
    days_ago INTEGER NOT NULL,
    operation TEXT NOT NULL,
    request_body TEXT,
    response_body TEXT
);
INSERT INTO api_log_seed VALUES
 (1, 3, 'getOrders', '{"CreatedAfter":"2026-01-01"}', '{"Orders":[{"AmazonOrderId":"203-4444444-4444444"}]}'),
 (2, 2, 'getOrderAddress', '{"orderId":"203-4444444-4444444"}', '{"ShippingAddress":"[REDACTED]"}'),
 (3, 1, 'getOrderBuyerInfo', '{"orderId":"203-5555555-5555555"}', '{"BuyerEmail":"[REDACTED]"}');
CREATE VIEW api_log AS SELECT
    id, datetime('2026-11-27 10:00:00', '-' || days_ago || ' days') AS created_at, operation, request_body, response_body
FROM api_log_seed;
