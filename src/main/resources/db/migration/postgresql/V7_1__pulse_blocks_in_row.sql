-- Keep the packed pulses of a block (V7) in the row, compressed if need be, rather than in TOAST: each append would
-- otherwise write a fresh out-of-line copy and leave the old one for VACUUM. PostgreSQL only (H2 has no TOAST).
ALTER TABLE pulse_blocks ALTER COLUMN data SET STORAGE MAIN;
