-- Not idempotent on purpose: a batch applied twice leaves touched = 2.
UPDATE deals SET touched = touched + 1 WHERE tenant_id = :tenant_id AND id > :from_key AND id <= :to_key
