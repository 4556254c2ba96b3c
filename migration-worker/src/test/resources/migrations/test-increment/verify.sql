SELECT 'deal ' || id || ' touched ' || touched || ' times' FROM deals
 WHERE :phase = 'MIGRATE' AND tenant_id = :tenant_id AND touched <> 1 LIMIT 5
