-- Several nodes on one database (docs/deployment.md). Each result row and the newest report say which node
-- produced them: failover is measured from it, and the node that exports a target's metrics renders them from the
-- series stored with the newest report (whichever node produced it). NULL for rows from before this migration.
ALTER TABLE results ADD COLUMN node VARCHAR(200);
ALTER TABLE target_state ADD COLUMN node VARCHAR(200);
ALTER TABLE target_state ADD COLUMN series TEXT;

-- The page's other phase timings beside ttfb_us (processing), in microseconds (loopback and LAN latencies are well
-- under a millisecond), written with every result: the idle latency window (the last hour of a target's latencies:
-- report percentiles, load-run baseline) is read from this table, so every node of a cluster sees the same one.
-- -1 or NULL: the phase did not happen.
ALTER TABLE results ADD COLUMN connect_us BIGINT;
ALTER TABLE results ADD COLUMN tls_us BIGINT;
ALTER TABLE results ADD COLUMN transfer_us BIGINT;
ALTER TABLE results ADD COLUMN total_us BIGINT;

-- The scheduled firing a result was for (NULL for runs asked for through the API): "each firing ran on exactly one
-- node" is then a count of rows per (target, kind, scheduled_at).
ALTER TABLE results ADD COLUMN scheduled_at TIMESTAMP WITH TIME ZONE;
