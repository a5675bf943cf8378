import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { fromCopenhagenLocal } from '../../dates';
import type { Actor } from '../policy';
import { runtime } from '../runtime';
import {
	absenceEndInput,
	absenceInput,
	cancelAbsence,
	changeAbsenceEnd,
	registerAbsence
} from './absences';
import { nominateBuddy } from './buddies';
import { CoverError, type CoverErrorCode } from './errors';
import { confirmAllProposals, confirmCover } from './grants';

/**
 * The absence and cover form actions, shared by the case manager's and the team leader's pages.
 * Every refusal comes back as `fail` with a code and the values typed, so nothing is lost.
 */
type Values = Record<string, string>;

async function attempt<T>(run: () => Promise<T>, values?: Values) {
	try {
		return await run();
	} catch (e) {
		if (e instanceof CoverError) {
			return fail(e.code === 'forbidden' ? 403 : 400, {
				error: e.code as CoverErrorCode | 'ends_required',
				values
			});
		}
		throw e;
	}
}

const fields = (form: FormData) =>
	Object.fromEntries([...form.entries()].map(([k, v]) => [k, String(v)])) as Values;

/** `forUserId` is the case manager's own id on their page; the team leader's form names a colleague. */
export async function registerFromForm(actor: Actor, request: Request, forUserId?: string) {
	const values = fields(await request.formData());
	const parsed = absenceInput.safeParse({ ...values, userId: forUserId ?? values.userId });
	if (!parsed.success) {
		const endsRequired = parsed.error.issues.some((i) => i.message === 'ends_required');
		return fail(400, {
			error: endsRequired ? ('ends_required' as const) : ('input' as const),
			values
		});
	}
	return attempt(async () => {
		await registerAbsence(runtime().db, actor, parsed.data);
		return { registered: true };
	}, values);
}

export async function changeEndFromForm(actor: Actor, request: Request, endNow: boolean) {
	const values = fields(await request.formData());
	const parsed = absenceEndInput.safeParse({ endsAt: '', ...values });
	if (!parsed.success) return fail(400, { error: 'input' as const, values });
	const now = new Date();
	const end = endNow ? now : parsed.data.endsAt ? fromCopenhagenLocal(parsed.data.endsAt) : null;
	return attempt(async () => {
		await changeAbsenceEnd(runtime().db, actor, parsed.data.absenceId, end, now);
		return { changed: true };
	}, values);
}

export async function cancelFromForm(actor: Actor, request: Request) {
	const parsed = z.object({ absenceId: z.uuid() }).safeParse(fields(await request.formData()));
	if (!parsed.success) return fail(400, { error: 'not_found' as const });
	return attempt(async () => {
		await cancelAbsence(runtime().db, actor, parsed.data.absenceId);
		return { cancelled: true };
	});
}

export async function confirmFromForm(actor: Actor, request: Request) {
	const parsed = z
		.object({ grantId: z.uuid(), coverUserId: z.union([z.uuid(), z.literal('')]).optional() })
		.safeParse(fields(await request.formData()));
	if (!parsed.success) return fail(400, { error: 'not_found' as const });
	return attempt(async () => {
		await confirmCover(
			runtime().db,
			actor,
			parsed.data.grantId,
			parsed.data.coverUserId || undefined
		);
		return { confirmed: true };
	});
}

export async function confirmAllFromForm(actor: Actor, request: Request) {
	const parsed = z.object({ absenceId: z.uuid() }).safeParse(fields(await request.formData()));
	if (!parsed.success) return fail(400, { error: 'not_found' as const });
	return attempt(async () => {
		await confirmAllProposals(runtime().db, actor, parsed.data.absenceId);
		return { confirmed: true };
	});
}

export async function buddyFromForm(actor: Actor, request: Request) {
	const parsed = z
		.object({ citizenId: z.uuid(), buddyId: z.union([z.uuid(), z.literal('')]) })
		.safeParse(fields(await request.formData()));
	if (!parsed.success) return fail(400, { error: 'input' as const });
	return attempt(async () => {
		await nominateBuddy(runtime().db, actor, parsed.data.citizenId, parsed.data.buddyId || null);
		return { buddySaved: true };
	});
}
