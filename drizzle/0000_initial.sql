CREATE TYPE "public"."organisation_kind" AS ENUM('icm_team', 'jobcenter', 'misbrugsbehandling', 'psykiatri', 'boligkontor', 'myndighed', 'ydelsescenter', 'pensionsafdeling', 'apotek', 'hospital', 'kriminalforsorg', 'herberg', 'daghoejskole', 'andet');--> statement-breakpoint
CREATE TYPE "public"."user_role" AS ENUM('case_manager', 'team_leader', 'partner', 'admin');--> statement-breakpoint
CREATE TYPE "public"."acute_reason" AS ENUM('crisis', 'hospital_discharge', 'eviction_threat');--> statement-breakpoint
CREATE TYPE "public"."citizen_status" AS ENUM('referred', 'active', 'stepped_down', 'ended');--> statement-breakpoint
CREATE TYPE "public"."housing_situation" AS ENUM('street', 'shelter', 'emergency_flat', 'temporary', 'youth_flat', 'own_home', 'hospital', 'prison', 'other');--> statement-breakpoint
CREATE TYPE "public"."support_after" AS ENUM('cti', 'sel_85', 'none', 'other');--> statement-breakpoint
CREATE TYPE "public"."absence_kind" AS ENUM('sick', 'holiday', 'course', 'other');--> statement-breakpoint
CREATE TYPE "public"."cover_status" AS ENUM('proposed', 'confirmed', 'revoked');--> statement-breakpoint
CREATE TYPE "public"."plan_action_status" AS ENUM('open', 'in_progress', 'done', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."plan_item_kind" AS ENUM('goal', 'subgoal', 'action');--> statement-breakpoint
CREATE TYPE "public"."plan_version_kind" AS ENUM('meeting_end', 'daily', 'named', 'restore');--> statement-breakpoint
CREATE TYPE "public"."contact_kind" AS ENUM('visit', 'phone', 'sms', 'bisidder', 'meeting', 'attempt');--> statement-breakpoint
CREATE TYPE "public"."contact_place" AS ENUM('street', 'shelter', 'own_home', 'partner_office', 'phone', 'other');--> statement-breakpoint
CREATE TYPE "public"."audit_channel" AS ENUM('page', 'action', 'api', 'socket', 'yjs', 'system');--> statement-breakpoint
CREATE TYPE "public"."grant_kind" AS ENUM('primary', 'cover', 'consent', 'team_leader', 'self', 'admin', 'none');--> statement-breakpoint
CREATE TABLE "municipalities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"code" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "municipalities_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "organisations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"kind" "organisation_kind" NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "team_settings" (
	"team_id" uuid PRIMARY KEY NOT NULL,
	"capacity_per_fte" numeric(4, 2) DEFAULT 8 NOT NULL,
	"move_in_period_days" numeric(4, 0) DEFAULT 91 NOT NULL,
	"weights" jsonb,
	"contact_warn_days" numeric(3, 0) DEFAULT 7 NOT NULL,
	"contact_escalate_days" numeric(3, 0) DEFAULT 14 NOT NULL,
	"journal_correction_hours" numeric(4, 0) DEFAULT 24 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "team_settings_capacity_positive" CHECK ("team_settings"."capacity_per_fte" > 0),
	CONSTRAINT "team_settings_thresholds_ordered" CHECK ("team_settings"."contact_warn_days" <= "team_settings"."contact_escalate_days")
);
--> statement-breakpoint
CREATE TABLE "invitations" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "login_throttle" (
	"key" text PRIMARY KEY NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	"window_started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"locked_until" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "recovery_codes" (
	"code_hash" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"two_factor_verified" boolean DEFAULT false NOT NULL,
	"user_agent" text
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"organisation_id" uuid,
	"role" "user_role" NOT NULL,
	"name" text NOT NULL,
	"email" text NOT NULL,
	"title" text,
	"phone" text,
	"fte" numeric(3, 2) DEFAULT 1 NOT NULL,
	"password_hash" text,
	"password_changed_at" timestamp with time zone,
	"totp_key" "bytea",
	"totp_enabled_at" timestamp with time zone,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deactivated_at" timestamp with time zone,
	CONSTRAINT "users_fte_range" CHECK ("users"."fte" > 0 and "users"."fte" <= 1),
	CONSTRAINT "users_organisation_required" CHECK ("users"."role" = 'admin' or "users"."organisation_id" is not null)
);
--> statement-breakpoint
CREATE TABLE "assignments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"citizen_id" uuid NOT NULL,
	"case_manager_id" uuid NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone,
	"start_reason" text,
	"end_reason" text,
	"capacity_override_reason" text,
	"created_by" uuid,
	"ended_by" uuid
);
--> statement-breakpoint
CREATE TABLE "citizen_status_history" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"citizen_id" uuid NOT NULL,
	"status" "citizen_status" NOT NULL,
	"support_after" "support_after",
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"changed_by" uuid,
	"reason" text
);
--> statement-breakpoint
CREATE TABLE "citizens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"team_id" uuid NOT NULL,
	"first_name" text NOT NULL,
	"last_name" text NOT NULL,
	"cpr" text,
	"birth_date" date,
	"phone" text,
	"status" "citizen_status" DEFAULT 'referred' NOT NULL,
	"support_after" "support_after",
	"acute_reason" "acute_reason",
	"acute_since" timestamp with time zone,
	"referred_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cover_buddies" (
	"citizen_id" uuid PRIMARY KEY NOT NULL,
	"buddy_id" uuid NOT NULL,
	"nominated_by" uuid,
	"nominated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "housing_history" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"citizen_id" uuid NOT NULL,
	"situation" "housing_situation" NOT NULL,
	"place" text,
	"from_date" date NOT NULL,
	"to_date" date,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "absences" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" "absence_kind" NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone,
	"note" text,
	"entered_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"cancelled_at" timestamp with time zone,
	CONSTRAINT "absences_ordered" CHECK ("absences"."ends_at" is null or "absences"."ends_at" > "absences"."starts_at")
);
--> statement-breakpoint
CREATE TABLE "cover_grants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"absence_id" uuid NOT NULL,
	"citizen_id" uuid NOT NULL,
	"cover_user_id" uuid NOT NULL,
	"status" "cover_status" DEFAULT 'proposed' NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone,
	"proposed_by" uuid,
	"proposal_reason" text,
	"confirmed_by" uuid,
	"confirmed_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"revoked_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cover_grants_ordered" CHECK ("cover_grants"."ends_at" is null or "cover_grants"."ends_at" > "cover_grants"."starts_at")
);
--> statement-breakpoint
CREATE TABLE "consents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"citizen_id" uuid NOT NULL,
	"organisation_id" uuid,
	"person_name" text,
	"person_relation" text,
	"sections" text[] NOT NULL,
	"purpose" text NOT NULL,
	"given_on" date NOT NULL,
	"valid_until" timestamp with time zone,
	"recorded_by" uuid NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_by" uuid,
	CONSTRAINT "consents_party" CHECK (("consents"."organisation_id" is not null) <> ("consents"."person_name" is not null))
);
--> statement-breakpoint
CREATE TABLE "meetings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"citizen_id" uuid NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone,
	"started_by" uuid NOT NULL,
	"citizen_present" text,
	"participants" jsonb
);
--> statement-breakpoint
CREATE TABLE "plan_documents" (
	"name" text PRIMARY KEY NOT NULL,
	"citizen_id" uuid NOT NULL,
	"section" text NOT NULL,
	"schema_version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_update_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "plan_items" (
	"citizen_id" uuid NOT NULL,
	"section" text NOT NULL,
	"item_id" text NOT NULL,
	"kind" "plan_item_kind" NOT NULL,
	"parent_item_id" text,
	"title" text NOT NULL,
	"owner_user_id" uuid,
	"owner_organisation_id" uuid,
	"due_on" date,
	"status" "plan_action_status",
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_items_citizen_id_item_id_pk" PRIMARY KEY("citizen_id","item_id")
);
--> statement-breakpoint
CREATE TABLE "plan_section_revisions" (
	"citizen_id" uuid NOT NULL,
	"section" text NOT NULL,
	"last_revised_at" timestamp with time zone NOT NULL,
	"last_revised_by" uuid,
	CONSTRAINT "plan_section_revisions_citizen_id_section_pk" PRIMARY KEY("citizen_id","section")
);
--> statement-breakpoint
CREATE TABLE "plan_snapshots" (
	"document_name" text PRIMARY KEY NOT NULL,
	"state" "bytea" NOT NULL,
	"through_update_id" bigint NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_updates" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"document_name" text NOT NULL,
	"update" "bytea" NOT NULL,
	"author_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"citizen_id" uuid NOT NULL,
	"kind" "plan_version_kind" NOT NULL,
	"name" text,
	"through_update_ids" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "appointments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"citizen_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone,
	"place" "contact_place" DEFAULT 'other' NOT NULL,
	"title" text NOT NULL,
	"created_by" uuid,
	"cancelled_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "contact_addenda" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"contact_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"text" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "contact_participants" (
	"contact_id" uuid NOT NULL,
	"user_id" uuid,
	"organisation_id" uuid,
	"name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "contact_revisions" (
	"contact_id" uuid NOT NULL,
	"revision" integer NOT NULL,
	"previous" jsonb NOT NULL,
	"revised_by" uuid NOT NULL,
	"revised_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "contact_revisions_contact_id_revision_pk" PRIMARY KEY("contact_id","revision")
);
--> statement-breakpoint
CREATE TABLE "contacts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"client_id" uuid NOT NULL,
	"citizen_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"kind" "contact_kind" NOT NULL,
	"place" "contact_place" NOT NULL,
	"duration_minutes" integer NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "contacts_clientId_unique" UNIQUE("client_id"),
	CONSTRAINT "contacts_duration_range" CHECK ("contacts"."duration_minutes" >= 0 and "contacts"."duration_minutes" <= 1440)
);
--> statement-breakpoint
CREATE TABLE "audit_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" uuid,
	"actor_role" text,
	"actor_organisation_id" uuid,
	"citizen_id" uuid,
	"action" text NOT NULL,
	"resource" text NOT NULL,
	"channel" "audit_channel" NOT NULL,
	"grant" "grant_kind" NOT NULL,
	"grant_id" uuid,
	"allowed" text DEFAULT 'allow' NOT NULL,
	"purpose" text,
	"details" jsonb
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"payload" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "organisations" ADD CONSTRAINT "organisations_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_settings" ADD CONSTRAINT "team_settings_team_id_organisations_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recovery_codes" ADD CONSTRAINT "recovery_codes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_citizen_id_citizens_id_fk" FOREIGN KEY ("citizen_id") REFERENCES "public"."citizens"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_case_manager_id_users_id_fk" FOREIGN KEY ("case_manager_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_ended_by_users_id_fk" FOREIGN KEY ("ended_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "citizen_status_history" ADD CONSTRAINT "citizen_status_history_citizen_id_citizens_id_fk" FOREIGN KEY ("citizen_id") REFERENCES "public"."citizens"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "citizen_status_history" ADD CONSTRAINT "citizen_status_history_changed_by_users_id_fk" FOREIGN KEY ("changed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "citizens" ADD CONSTRAINT "citizens_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "citizens" ADD CONSTRAINT "citizens_team_id_organisations_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cover_buddies" ADD CONSTRAINT "cover_buddies_citizen_id_citizens_id_fk" FOREIGN KEY ("citizen_id") REFERENCES "public"."citizens"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cover_buddies" ADD CONSTRAINT "cover_buddies_buddy_id_users_id_fk" FOREIGN KEY ("buddy_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cover_buddies" ADD CONSTRAINT "cover_buddies_nominated_by_users_id_fk" FOREIGN KEY ("nominated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "housing_history" ADD CONSTRAINT "housing_history_citizen_id_citizens_id_fk" FOREIGN KEY ("citizen_id") REFERENCES "public"."citizens"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "housing_history" ADD CONSTRAINT "housing_history_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "absences" ADD CONSTRAINT "absences_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "absences" ADD CONSTRAINT "absences_entered_by_users_id_fk" FOREIGN KEY ("entered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cover_grants" ADD CONSTRAINT "cover_grants_absence_id_absences_id_fk" FOREIGN KEY ("absence_id") REFERENCES "public"."absences"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cover_grants" ADD CONSTRAINT "cover_grants_citizen_id_citizens_id_fk" FOREIGN KEY ("citizen_id") REFERENCES "public"."citizens"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cover_grants" ADD CONSTRAINT "cover_grants_cover_user_id_users_id_fk" FOREIGN KEY ("cover_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cover_grants" ADD CONSTRAINT "cover_grants_proposed_by_users_id_fk" FOREIGN KEY ("proposed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cover_grants" ADD CONSTRAINT "cover_grants_confirmed_by_users_id_fk" FOREIGN KEY ("confirmed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_citizen_id_citizens_id_fk" FOREIGN KEY ("citizen_id") REFERENCES "public"."citizens"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_revoked_by_users_id_fk" FOREIGN KEY ("revoked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_citizen_id_citizens_id_fk" FOREIGN KEY ("citizen_id") REFERENCES "public"."citizens"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_started_by_users_id_fk" FOREIGN KEY ("started_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_documents" ADD CONSTRAINT "plan_documents_citizen_id_citizens_id_fk" FOREIGN KEY ("citizen_id") REFERENCES "public"."citizens"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_items" ADD CONSTRAINT "plan_items_citizen_id_citizens_id_fk" FOREIGN KEY ("citizen_id") REFERENCES "public"."citizens"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_items" ADD CONSTRAINT "plan_items_owner_user_id_users_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_items" ADD CONSTRAINT "plan_items_owner_organisation_id_organisations_id_fk" FOREIGN KEY ("owner_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_section_revisions" ADD CONSTRAINT "plan_section_revisions_citizen_id_citizens_id_fk" FOREIGN KEY ("citizen_id") REFERENCES "public"."citizens"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_section_revisions" ADD CONSTRAINT "plan_section_revisions_last_revised_by_users_id_fk" FOREIGN KEY ("last_revised_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_snapshots" ADD CONSTRAINT "plan_snapshots_document_name_plan_documents_name_fk" FOREIGN KEY ("document_name") REFERENCES "public"."plan_documents"("name") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_updates" ADD CONSTRAINT "plan_updates_document_name_plan_documents_name_fk" FOREIGN KEY ("document_name") REFERENCES "public"."plan_documents"("name") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_updates" ADD CONSTRAINT "plan_updates_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_versions" ADD CONSTRAINT "plan_versions_citizen_id_citizens_id_fk" FOREIGN KEY ("citizen_id") REFERENCES "public"."citizens"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_versions" ADD CONSTRAINT "plan_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_citizen_id_citizens_id_fk" FOREIGN KEY ("citizen_id") REFERENCES "public"."citizens"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_addenda" ADD CONSTRAINT "contact_addenda_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_addenda" ADD CONSTRAINT "contact_addenda_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_participants" ADD CONSTRAINT "contact_participants_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_participants" ADD CONSTRAINT "contact_participants_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_participants" ADD CONSTRAINT "contact_participants_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_revisions" ADD CONSTRAINT "contact_revisions_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_revisions" ADD CONSTRAINT "contact_revisions_revised_by_users_id_fk" FOREIGN KEY ("revised_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_citizen_id_citizens_id_fk" FOREIGN KEY ("citizen_id") REFERENCES "public"."citizens"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_unique" ON "users" USING btree (lower("email"));--> statement-breakpoint
CREATE INDEX "users_organisation_idx" ON "users" USING btree ("organisation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "assignments_one_active_primary" ON "assignments" USING btree ("citizen_id") WHERE "assignments"."ended_at" is null;--> statement-breakpoint
CREATE INDEX "assignments_case_manager_idx" ON "assignments" USING btree ("case_manager_id","ended_at");--> statement-breakpoint
CREATE INDEX "citizen_status_history_citizen_idx" ON "citizen_status_history" USING btree ("citizen_id","changed_at");--> statement-breakpoint
CREATE INDEX "citizens_team_status_idx" ON "citizens" USING btree ("team_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "citizens_cpr_unique" ON "citizens" USING btree ("municipality_id","cpr") WHERE "citizens"."cpr" is not null;--> statement-breakpoint
CREATE INDEX "housing_history_citizen_idx" ON "housing_history" USING btree ("citizen_id","from_date");--> statement-breakpoint
CREATE UNIQUE INDEX "housing_history_one_current" ON "housing_history" USING btree ("citizen_id") WHERE "housing_history"."to_date" is null;--> statement-breakpoint
CREATE INDEX "absences_user_idx" ON "absences" USING btree ("user_id","starts_at");--> statement-breakpoint
CREATE INDEX "cover_grants_cover_user_idx" ON "cover_grants" USING btree ("cover_user_id","status");--> statement-breakpoint
CREATE INDEX "cover_grants_citizen_idx" ON "cover_grants" USING btree ("citizen_id","status");--> statement-breakpoint
CREATE INDEX "consents_citizen_idx" ON "consents" USING btree ("citizen_id");--> statement-breakpoint
CREATE INDEX "consents_organisation_idx" ON "consents" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "meetings_citizen_idx" ON "meetings" USING btree ("citizen_id","started_at");--> statement-breakpoint
CREATE INDEX "plan_documents_citizen_idx" ON "plan_documents" USING btree ("citizen_id");--> statement-breakpoint
CREATE INDEX "plan_items_owner_org_idx" ON "plan_items" USING btree ("owner_organisation_id","status");--> statement-breakpoint
CREATE INDEX "plan_items_owner_user_idx" ON "plan_items" USING btree ("owner_user_id","status");--> statement-breakpoint
CREATE INDEX "plan_updates_document_idx" ON "plan_updates" USING btree ("document_name","id");--> statement-breakpoint
CREATE INDEX "plan_versions_citizen_idx" ON "plan_versions" USING btree ("citizen_id","created_at");--> statement-breakpoint
CREATE INDEX "appointments_user_idx" ON "appointments" USING btree ("user_id","starts_at");--> statement-breakpoint
CREATE INDEX "contact_addenda_contact_idx" ON "contact_addenda" USING btree ("contact_id");--> statement-breakpoint
CREATE INDEX "contact_participants_contact_idx" ON "contact_participants" USING btree ("contact_id");--> statement-breakpoint
CREATE INDEX "contacts_citizen_idx" ON "contacts" USING btree ("citizen_id","occurred_at");--> statement-breakpoint
CREATE INDEX "contacts_author_idx" ON "contacts" USING btree ("author_id","occurred_at");--> statement-breakpoint
CREATE INDEX "audit_events_citizen_idx" ON "audit_events" USING btree ("citizen_id","at");--> statement-breakpoint
CREATE INDEX "audit_events_actor_idx" ON "audit_events" USING btree ("actor_id","at");--> statement-breakpoint
CREATE INDEX "notifications_user_idx" ON "notifications" USING btree ("user_id","created_at");