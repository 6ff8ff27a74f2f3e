-- Console sign-in sessions (docs/console.md), shared by every node of a cluster and kept across restarts.
-- Only the SHA-256 of the session id (the cookie) is stored, so a copy of the table or a backup signs nobody in.
-- Portable SQL for H2 2.x and PostgreSQL.
CREATE TABLE console_sessions (
    id_digest VARCHAR(64)  NOT NULL PRIMARY KEY,
    role      VARCHAR(16)  NOT NULL,
    csrf      VARCHAR(64)  NOT NULL,
    last_used TIMESTAMP WITH TIME ZONE NOT NULL
);
-- Idle expiry and the least-recently-used eviction both read sessions by their last use.
CREATE INDEX console_sessions_last_used ON console_sessions (last_used);
