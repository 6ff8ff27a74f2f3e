-- Several nodes on one database (docs/deployment.md). Each result row and the newest report say which node
-- produced them: failover is measured from it, and the node that exports a target's metrics renders them from the
-- series stored with the newest report (whichever node produced it). NULL for rows from before this migration.
ALTER TABLE results ADD COLUMN node VARCHAR(200);
ALTER TABLE target_state ADD COLUMN node VARCHAR(200);
ALTER TABLE target_state ADD COLUMN series TEXT;

-- The idle latency window (the last hour of each target's page latencies: report percentiles and the load-run
-- baseline) is read from the results table, so every node sees the same window and a restart keeps it. ttfb_ms
-- (processing) exists already; these are the other phases it needs. -1 or NULL: the phase did not happen.
ALTER TABLE results ADD COLUMN connect_ms BIGINT;
ALTER TABLE results ADD COLUMN tls_ms BIGINT;
ALTER TABLE results ADD COLUMN transfer_ms BIGINT;
ALTER TABLE results ADD COLUMN total_ms BIGINT;
