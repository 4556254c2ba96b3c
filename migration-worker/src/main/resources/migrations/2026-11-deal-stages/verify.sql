-- Each row is a problem; none means the phase left the tenant as intended.
SELECT 'table deal_stages is missing' WHERE to_regclass('deal_stages') IS NULL
UNION ALL
(SELECT 'deal ' || d.id || ' has no stage_id'
   FROM deals d
  WHERE :phase IN ('MIGRATE', 'CONTRACT') AND d.tenant_id = :tenant_id AND d.stage_id IS NULL
  LIMIT 5)
