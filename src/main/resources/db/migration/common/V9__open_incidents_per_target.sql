-- Portable SQL for H2 2.x and PostgreSQL.
-- Every pulse reads its target's open incidents (WHERE target = ? AND resolved_at IS NULL). With only
-- incidents_open (resolved_at) and incidents_target_opened (target, opened_at), H2 read every open incident of every
-- target for each pulse: at 1,000 targets that was a fifth of the node's CPU (docs/scale.md).
CREATE INDEX incidents_target_open ON incidents (target, resolved_at);
