-- Projects and policy applications change under an optimistic version, one
-- read-decide-write transaction each; a policy may state its payout limit, and an
-- approval fixes the amount that may be paid (SPEC §6.1, docs/projects.md).
ALTER TABLE projects ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE policies ADD COLUMN limit_fen BIGINT NOT NULL DEFAULT 0;
ALTER TABLE policy_applications ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE policy_applications ADD COLUMN approved_fen BIGINT NOT NULL DEFAULT 0;
ALTER TABLE policy_applications ADD COLUMN decided_by TEXT NOT NULL DEFAULT '';
ALTER TABLE policy_applications ADD COLUMN paid_by TEXT NOT NULL DEFAULT '';
-- Applications decided before: what was paid, or else what was applied for, is what was approved.
UPDATE policy_applications SET approved_fen = paid_fen WHERE status = 'paid';
UPDATE policy_applications SET approved_fen = amount_fen WHERE status = 'approved';
