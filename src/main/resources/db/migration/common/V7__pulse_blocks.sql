-- Portable SQL for H2 2.x and PostgreSQL (H2 reads BYTEA as its binary type).
-- Compact pulse store (docs/deployment.md "Storage layout"). A pulse that changed nothing (same grade, success and
-- watched facts) is not a results row of its own: it is appended, packed in about 30 bytes, to one row per target,
-- hour and node. A 60 s pulse is then 60 appends to a row of under 2 KB an hour instead of 60 rows of ~300 bytes
-- with four index entries each. The node is part of the key, so two nodes of a cluster that run the same target in
-- the same hour (failover) append to rows of their own and never to the same bytes.
-- pulses/counted/successes: how many pulses the row holds, how many of them count for uptime (outside
-- maintenance) and how many of those succeeded, so uptime over whole hours is a SUM without decoding.
CREATE TABLE pulse_blocks (
    target          VARCHAR(63)  NOT NULL,
    hour_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    node            VARCHAR(200) NOT NULL,
    scoring_version VARCHAR(32)  NOT NULL,
    pulses          INTEGER      NOT NULL,
    counted         INTEGER      NOT NULL,
    successes       INTEGER      NOT NULL,
    last_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    data            BYTEA        NOT NULL,
    PRIMARY KEY (target, hour_at, node)
);
-- Retention deletes whole hours.
CREATE INDEX pulse_blocks_hour ON pulse_blocks (hour_at);
