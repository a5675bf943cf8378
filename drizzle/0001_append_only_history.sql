-- The audit log and the plan's update history are append-only: the database itself refuses to
-- change or delete a row. The one exception is the audit retention purge, which must announce
-- itself with `set local samplan.audit_purge = 'on'` and may only remove rows older than the
-- retention period it states in `samplan.audit_retention_days` (see SECURITY.md).
CREATE FUNCTION samplan_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'DELETE'
		AND TG_TABLE_NAME = 'audit_events'
		AND current_setting('samplan.audit_purge', true) = 'on'
		AND OLD.at < now() - make_interval(days => current_setting('samplan.audit_retention_days', true)::int)
	THEN
		RETURN OLD;
	END IF;
	RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP
		USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
	FOR EACH ROW EXECUTE FUNCTION samplan_refuse_change();
--> statement-breakpoint
CREATE TRIGGER plan_updates_append_only BEFORE UPDATE OR DELETE ON plan_updates
	FOR EACH ROW EXECUTE FUNCTION samplan_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
	FOR EACH STATEMENT EXECUTE FUNCTION samplan_refuse_change();
--> statement-breakpoint
CREATE TRIGGER plan_updates_no_truncate BEFORE TRUNCATE ON plan_updates
	FOR EACH STATEMENT EXECUTE FUNCTION samplan_refuse_change();
