-- 001: the first schema of a station database (issue 3): device model, availability, message queue,
-- transaction seqNo counters, security log and network profiles. Applied in one transaction with user_version = 1.

-- Device model (B05-B08). `address` is core's variableKey(): an absent EVSE/connector and 0 are the same address,
-- while evse_id/connector_id keep exactly what was saved.
CREATE TABLE device_variable (
  id INTEGER PRIMARY KEY,
  address TEXT NOT NULL UNIQUE,
  component_name TEXT NOT NULL,
  component_instance TEXT,
  evse_id INTEGER,
  connector_id INTEGER,
  variable_name TEXT NOT NULL,
  variable_instance TEXT,
  data_type TEXT NOT NULL,
  unit TEXT,
  min_limit REAL,
  max_limit REAL,
  values_list TEXT,
  supports_monitoring INTEGER NOT NULL CHECK (supports_monitoring IN (0, 1)),
  reboot_required INTEGER CHECK (reboot_required IN (0, 1))
) STRICT;

-- One row per attribute (Actual, Target, MinSet, MaxSet); `source` says who set the value (DESIGN §4).
CREATE TABLE device_attribute (
  variable_id INTEGER NOT NULL REFERENCES device_variable (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  type TEXT NOT NULL,
  value TEXT,
  mutability TEXT NOT NULL,
  persistent INTEGER NOT NULL CHECK (persistent IN (0, 1)),
  constant INTEGER NOT NULL CHECK (constant IN (0, 1)),
  source TEXT NOT NULL,
  PRIMARY KEY (variable_id, type)
) STRICT;

-- Operational status set by ChangeAvailability (G03/G04). `scope` is core's availabilityScopeKey().
CREATE TABLE availability (
  scope TEXT PRIMARY KEY,
  evse_id INTEGER,
  connector_id INTEGER,
  status TEXT NOT NULL
) STRICT;

-- Durable outgoing queue (DESIGN rule 6). AUTOINCREMENT: ids never repeat, even after the newest row is deleted.
CREATE TABLE message_queue (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  kind TEXT NOT NULL,
  action TEXT NOT NULL,
  payload TEXT,
  created_at TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  transaction_id TEXT,
  seq_no INTEGER
) STRICT;

CREATE INDEX message_queue_by_kind ON message_queue (kind);

-- The next seqNo of each transaction, kept apart from the queue so removing answered messages never resets it.
CREATE TABLE transaction_seq_no (
  transaction_id TEXT PRIMARY KEY,
  next_seq_no INTEGER NOT NULL
) STRICT;

-- Local security log (A04). `timestamp_ms` is the instant of `timestamp`, for range queries by time, not by text.
CREATE TABLE security_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  type TEXT NOT NULL,
  timestamp TEXT NOT NULL,
  timestamp_ms INTEGER,
  tech_info TEXT,
  critical INTEGER NOT NULL CHECK (critical IN (0, 1))
) STRICT;

CREATE INDEX security_log_by_time ON security_log (timestamp_ms);

-- NetworkConnectionProfiles by configuration slot (B09), the profile as JSON.
CREATE TABLE network_profile (
  configuration_slot INTEGER PRIMARY KEY,
  profile TEXT NOT NULL
) STRICT;
