-- plan_updates loses its two foreign keys: the insert sits between every keystroke and its
-- relay, and the two referential checks per row doubled its cost (see bench/README.md). In their
-- place, the database refuses to delete a plan document, which is what the document key guarded.
ALTER TABLE "plan_updates" DROP CONSTRAINT "plan_updates_document_name_plan_documents_name_fk";
--> statement-breakpoint
ALTER TABLE "plan_updates" DROP CONSTRAINT "plan_updates_author_id_users_id_fk";
--> statement-breakpoint
CREATE FUNCTION samplan_keep_plan_documents() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION 'plan documents are kept with their history: % refused', TG_OP
		USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER plan_documents_never_deleted BEFORE DELETE ON plan_documents
	FOR EACH ROW EXECUTE FUNCTION samplan_keep_plan_documents();
--> statement-breakpoint
CREATE TRIGGER plan_documents_no_truncate BEFORE TRUNCATE ON plan_documents
	FOR EACH STATEMENT EXECUTE FUNCTION samplan_keep_plan_documents();
