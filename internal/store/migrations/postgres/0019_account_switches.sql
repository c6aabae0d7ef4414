-- Accounts can be switched off: API tokens get an expiry and a recognisable
-- prefix (shown in lists instead of the secret), and login attempts are
-- reserved under a lock row per user name and per address, so the login limit
-- holds when many attempts arrive at once.
ALTER TABLE api_tokens ADD COLUMN expires_at TIMESTAMPTZ;
ALTER TABLE api_tokens ADD COLUMN prefix TEXT NOT NULL DEFAULT '';
CREATE INDEX api_tokens_user ON api_tokens(user_id);

CREATE TABLE login_locks (
	key TEXT PRIMARY KEY,
	at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX login_attempts_ip_at ON login_attempts(ip, at);
