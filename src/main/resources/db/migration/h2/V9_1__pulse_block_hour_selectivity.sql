-- H2 only. Each pulse appends to its block with UPDATE ... WHERE target = ? AND hour_at = ? AND node = ?. Without
-- statistics H2 takes a column's selectivity as 50 and so costs the hour index (2) below the primary key (3, unique,
-- every column matched): the append then read every target's block of the hour, at 1,000 targets a quarter of the
-- node's CPU (docs/scale.md). An hour is shared by every target's block, so its selectivity is low; saying so keeps
-- the primary key until ANALYZE (run by H2 as the table grows) measures it.
ALTER TABLE pulse_blocks ALTER COLUMN hour_at SELECTIVITY 1;
