-- An account can be disabled: it no longer signs in, and its sessions and tokens are ended.
ALTER TABLE users ADD COLUMN disabled_at BIGINT;
