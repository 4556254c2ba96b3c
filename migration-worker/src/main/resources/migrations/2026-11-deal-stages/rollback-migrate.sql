-- Undo the backfill of one tenant; deals.stage was never touched.
UPDATE deals SET stage_id = NULL WHERE tenant_id = :tenant_id AND stage_id IS NOT NULL;
DELETE FROM deal_stages WHERE tenant_id = :tenant_id;
