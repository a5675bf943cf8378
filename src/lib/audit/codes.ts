import type { AdminAction, CitizenAction, TeamAction } from '$lib/server/policy/rules';

/**
 * Why a citizen's data was used, as audit rows store it: a short code, shown to people only
 * through its Danish text (`t.audit.purposes`), which must name every code here.
 */
export const AUDIT_PURPOSES = [
	'caseload overview',
	'caseload drill-down',
	'caseload rebalancing',
	'citizen overview',
	'citizen search',
	'referral',
	'support change',
	'support intensity',
	'plan',
	'plan collaboration',
	'plan history',
	'plan restore',
	'plan meeting',
	'partner overview',
	'partner open actions',
	'consent administration',
	'supervision',
	'access report for the citizen',
	'lost contact',
	'journal',
	'journal export',
	'my day',
	'cover',
	'absence and cover',
	'handover after absence',
	'team settings'
] as const;

export type AuditPurpose = (typeof AUDIT_PURPOSES)[number];

/**
 * What an audit row says was done, beyond the policy's own actions (which are audited as they
 * are named): sign-in events, account and administration changes, plan versions.
 */
export const AUDIT_EVENTS = [
	'session.login',
	'session.logout',
	'session.revoke',
	'session.revoke_all_by_admin',
	'session.second_factor',
	'account.password.change',
	'account.second_factor.enable',
	'account.sessions.revoke_all',
	'admin.two_factor.require',
	'admin.user.invite',
	'admin.user.activate',
	'admin.user.deactivate',
	'absence.read',
	'absence.register',
	'absence.change',
	'absence.cancel',
	'citizen.search',
	'cover.confirm',
	'plan.version.create',
	'plan.version.restore',
	'team.caseload.suggest',
	'team.caseload.watch',
	'team.cover.read',
	'team.referrals.read',
	'team.settings.read',
	'team.settings.write'
] as const;

export type AuditEvent = (typeof AUDIT_EVENTS)[number];

/** Every code an audit row can carry; each has its Danish text in `t.audit.actions`. */
export type AuditAction = CitizenAction | TeamAction | AdminAction | AuditEvent;
