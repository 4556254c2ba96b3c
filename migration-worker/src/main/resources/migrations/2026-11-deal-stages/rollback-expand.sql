-- Undo expand (for POOLED tenants: once the last tenant of the database has left it).
ALTER TABLE deals DROP COLUMN IF EXISTS stage_id;
DROP TABLE IF EXISTS deal_stages;
