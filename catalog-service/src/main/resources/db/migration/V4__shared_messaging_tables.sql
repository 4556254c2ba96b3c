-- The catalog's messaging tables become exactly those of dev.tenantwave.messaging (messaging/src/main/resources/
-- db/messaging/*.sql; MessagingTablesIT compares them):
-- * the audit log names a subject instead of an entity and keeps the documents before and after a change in one
--   JSON detail, {"before": ..., "after": ...}, each key only when there is a document;
-- * the outbox needs no insert trigger: Outbox.append sends the relay's NOTIFY itself.
-- Instances of the previous version cannot write audit lines once this has run: roll the catalog out by replacing
-- its instances, not side by side.
ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only;
ALTER TABLE audit_log RENAME COLUMN entity_type TO subject_type;
ALTER TABLE audit_log RENAME COLUMN entity_id TO subject_id;
ALTER TABLE audit_log ADD COLUMN detail jsonb;
UPDATE audit_log
   SET detail = CASE WHEN before IS NULL THEN '{}'::jsonb ELSE jsonb_build_object('before', before::jsonb) END
             || CASE WHEN after IS NULL THEN '{}'::jsonb ELSE jsonb_build_object('after', after::jsonb) END
 WHERE before IS NOT NULL OR after IS NOT NULL;
ALTER TABLE audit_log DROP COLUMN before, DROP COLUMN after;
ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only;
ALTER INDEX audit_log_entity RENAME TO audit_log_subject;

DROP TRIGGER outbox_inserted ON outbox;
DROP FUNCTION outbox_notify();
