-- 002: the authorization cache (C10-C12, issue 4), kept across reboots (TC_C_32_CS). Applied in one transaction with user_version = 2.

-- `token_key` is core's authCacheKey(): type + ':' + the idToken in lower case (idTokens are case-insensitive).
-- IdTokenType and IdTokenInfoType are stored as JSON; timestamps as Date.toISOString() text, which orders by time.
CREATE TABLE auth_cache (
  token_key TEXT PRIMARY KEY,
  id_token TEXT NOT NULL,
  id_token_info TEXT NOT NULL,
  stored_at TEXT NOT NULL,
  last_used_at TEXT NOT NULL,
  use_count INTEGER NOT NULL CHECK (use_count >= 0)
) STRICT;

-- LRU (the default AuthCacheCtrlr.Policy) picks its victims by last use.
CREATE INDEX auth_cache_by_last_used ON auth_cache (last_used_at);
