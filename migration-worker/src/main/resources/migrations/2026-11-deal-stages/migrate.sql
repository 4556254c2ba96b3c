-- One keyset batch of one tenant: its deals with :from_key < id <= :to_key.
INSERT INTO deal_stages (tenant_id, name, position)
SELECT DISTINCT d.tenant_id, d.stage,
       CASE d.stage WHEN 'lead' THEN 1 WHEN 'qualified' THEN 2 WHEN 'proposal' THEN 3
                    WHEN 'won' THEN 4 WHEN 'lost' THEN 5 ELSE 0 END
  FROM deals d
 WHERE d.tenant_id = :tenant_id AND d.id > :from_key AND d.id <= :to_key
ON CONFLICT (tenant_id, name) DO NOTHING;

UPDATE deals d
   SET stage_id = s.id
  FROM deal_stages s
 WHERE d.tenant_id = :tenant_id AND d.id > :from_key AND d.id <= :to_key
   AND s.tenant_id = d.tenant_id AND s.name = d.stage;
