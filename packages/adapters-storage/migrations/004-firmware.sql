-- 004: the firmware update in progress (L01, issue 7 §2), so the station boots with reason FirmwareUpdate after the
-- install reboot and reports Installed. Applied in one transaction with user_version = 4.

-- One row at most (id = 1): a station runs one firmware update at a time. `request` is the UpdateFirmwareRequest as
-- JSON (its location may carry credentials: this file is the station's own storage, never a log); `artifact` is the
-- DownloadedArtifact as JSON, NULL before the download finished.
CREATE TABLE firmware_update (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  request_id INTEGER NOT NULL,
  request TEXT NOT NULL,
  status TEXT NOT NULL,
  artifact TEXT,
  updated_at TEXT NOT NULL
) STRICT;
