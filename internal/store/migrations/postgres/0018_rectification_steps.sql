-- Each step of a 差评 rectification keeps its own record (SPEC §7): the 核实 note
-- and who verified, who rectified; and an optimistic version for the
-- read-decide-write of every step.
ALTER TABLE rectifications ADD COLUMN verify_note TEXT NOT NULL DEFAULT '';
ALTER TABLE rectifications ADD COLUMN verified_by TEXT NOT NULL DEFAULT '';
ALTER TABLE rectifications ADD COLUMN rectified_by TEXT NOT NULL DEFAULT '';
ALTER TABLE rectifications ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
-- The 核实 note used to live in feedback until the 整改 step overwrote it: where
-- that has not happened yet, it is still there and moves to its own column.
UPDATE rectifications SET verify_note = feedback, feedback = ''
	WHERE verified_at IS NOT NULL AND rectified_at IS NULL AND feedback <> '';
