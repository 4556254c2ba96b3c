-- Contract: the point of no return. Only the new version runs now; the old column goes.
ALTER TABLE deals ALTER COLUMN stage_id SET NOT NULL;
ALTER TABLE deals ADD CONSTRAINT deals_stage_fk FOREIGN KEY (tenant_id, stage_id) REFERENCES deal_stages (tenant_id, id);
ALTER TABLE deals DROP COLUMN stage;
