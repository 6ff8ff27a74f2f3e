-- Pulse, audit and load runs (docs/probes.md). Every result row says which kind of run produced it; a pulse row is
-- compact (summary columns only) and keeps its full report only when something changed, so a 60 s pulse does not
-- store a whole report a minute. Rows from before this migration were full runs: audits.
ALTER TABLE results ADD COLUMN kind VARCHAR(8) DEFAULT 'audit' NOT NULL;
ALTER TABLE results ALTER COLUMN report DROP NOT NULL;
ALTER TABLE results ADD COLUMN status INTEGER;
ALTER TABLE results ADD COLUMN ttfb_us BIGINT;
ALTER TABLE results ADD COLUMN tls_version VARCHAR(16);
ALTER TABLE results ADD COLUMN cert_expiry TIMESTAMP WITH TIME ZONE;

-- The newest evidence of each kind per target: the findings of the checks that read that kind's probes, the
-- report section it produced (TLS for audits, load for load runs) and, for pulses, the hash of what triggers an
-- audit when it changes. One row per (target, kind), overwritten by each run: its size does not grow with time.
CREATE TABLE evidence_state (
    target   VARCHAR(63) NOT NULL,
    kind     VARCHAR(8)  NOT NULL,
    taken_at TIMESTAMP WITH TIME ZONE NOT NULL,
    findings TEXT        NOT NULL,
    section  TEXT,
    watch    VARCHAR(64),
    PRIMARY KEY (target, kind)
);

-- Per target: the newest composed report (what GET .../report answers), its grade and success (to tell whether a
-- pulse changed anything), and when a change last triggered an audit (the debounce, shared by every node).
CREATE TABLE target_state (
    target             VARCHAR(63) NOT NULL PRIMARY KEY,
    report             TEXT,
    report_at          TIMESTAMP WITH TIME ZONE,
    grade              VARCHAR(2),
    success            BOOLEAN,
    audit_triggered_at TIMESTAMP WITH TIME ZONE
);
