-- A tenant has at most one pending wake-up of each kind: a new command moves its deadline, and so does every sign
-- of life from the worker (progress that is not final yet).
DELETE FROM wakeups w USING wakeups newer
 WHERE w.release_id = newer.release_id AND w.tenant_id = newer.tenant_id AND w.kind = newer.kind AND w.id < newer.id;
CREATE UNIQUE INDEX wakeups_one_per_kind ON wakeups (release_id, tenant_id, kind);
