import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkCredentials } from '../../src/lib/server/auth/login';
import { hashPassword } from '../../src/lib/server/auth/password';
import { THROTTLE } from '../../src/lib/server/auth/throttle';
import { users } from '../../src/lib/server/db/schema';
import { eq } from 'drizzle-orm';
import { createTestDatabase, testDatabaseEngine } from '../helpers/database';
import { factories } from '../helpers/factories';

let handle: Awaited<ReturnType<typeof createTestDatabase>>;
let email: string;
beforeAll(async () => {
	handle = await createTestDatabase();
	const make = factories(handle.db);
	const team = await make.organisation();
	const user = await make.user('case_manager', team.id);
	await handle.db
		.update(users)
		.set({ passwordHash: await hashPassword('rigtig-kode') })
		.where(eq(users.id, user.id));
	email = user.email;
});
afterAll(async () => {
	await handle?.close();
});

describe(`login on ${testDatabaseEngine}`, () => {
	it('accepts the right password, case-insensitively on the e-mail', async () => {
		const result = await checkCredentials(handle.db, {
			email: email.toUpperCase(),
			password: 'rigtig-kode',
			address: '10.0.0.1'
		});
		expect(result.ok).toBe(true);
	});

	it('answers an unknown e-mail exactly like a wrong password', async () => {
		const unknown = await checkCredentials(handle.db, {
			email: 'findes.ikke@test.example',
			password: 'x',
			address: '10.0.0.2'
		});
		const wrong = await checkCredentials(handle.db, { email, password: 'x', address: '10.0.0.2' });
		expect(unknown).toEqual({ ok: false, reason: 'invalid' });
		expect(wrong).toEqual({ ok: false, reason: 'invalid' });
	});

	it('locks an account after repeated failures, even with the right password, until the lock ends', async () => {
		const now = new Date('2026-11-23T10:00:00Z');
		for (let i = 0; i < THROTTLE.accountFailures; i++) {
			await checkCredentials(
				handle.db,
				{ email, password: 'forkert', address: `10.1.0.${i}` },
				now
			);
		}
		const locked = await checkCredentials(
			handle.db,
			{ email, password: 'rigtig-kode', address: '10.1.1.1' },
			now
		);
		expect(locked.ok).toBe(false);
		expect(locked).toMatchObject({ reason: 'locked' });
		const later = new Date(now.getTime() + (THROTTLE.lockMinutes + 1) * 60_000);
		const after = await checkCredentials(
			handle.db,
			{ email, password: 'rigtig-kode', address: '10.1.1.1' },
			later
		);
		expect(after.ok).toBe(true);
	});

	it('throttles one address trying many accounts (50 bad logins)', async () => {
		const now = new Date('2026-11-23T12:00:00Z');
		const results = [];
		for (let i = 0; i < 50; i++) {
			results.push(
				await checkCredentials(
					handle.db,
					{ email: `gaet${i}@test.example`, password: 'x', address: '192.0.2.7' },
					now
				)
			);
		}
		expect(results.filter((r) => !r.ok && r.reason === 'locked').length).toBeGreaterThanOrEqual(
			50 - THROTTLE.addressFailures
		);
	});
});
