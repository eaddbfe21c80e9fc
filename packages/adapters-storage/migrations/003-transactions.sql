-- 003: open transactions (issue 4 §2, E01-E14), one per EVSE, so a restart can end or resume them (power loss,
-- reliability §2.4). Applied in one transaction with user_version = 3.

-- `record` is core's TransactionRecord as JSON (facts, tokens, once-only flags, last meter value); evse_id and
-- transaction_id repeat its keys for lookups. The seqNo is not here: the message queue store owns it
-- (transaction_seq_no), and a record written in the same SQLite transaction as its TransactionEvent stays in step with it.
CREATE TABLE evse_transaction (
  evse_id INTEGER PRIMARY KEY,
  transaction_id TEXT NOT NULL,
  started_at TEXT NOT NULL,
  record TEXT NOT NULL
) STRICT;

CREATE INDEX evse_transaction_by_id ON evse_transaction (transaction_id);
