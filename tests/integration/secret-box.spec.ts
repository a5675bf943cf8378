import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateTOTP } from '@oslojs/otp';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import {
	loadSecretKey,
	seal,
	SECRET_KEY_FILE,
	SecretBoxError,
	unseal
} from '../../src/lib/server/auth/secret-box';
import {
	createSession,
	generateSessionToken,
	sessionIdFromToken
} from '../../src/lib/server/auth/session';
import { enableTotp, newTotpKey, verifySecondFactor } from '../../src/lib/server/auth/two-factor';
import { ConfigError, readConfig } from '../../src/lib/server/config';
import { startRuntime, stopRuntime } from '../../src/lib/server/runtime';
import { factories } from '../helpers/factories';

const dirs: string[] = [];
function tempDir() {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samplan-secret-'));
	dirs.push(dir);
	return dir;
}

afterEach(() => {
	vi.restoreAllMocks();
});
afterAll(async () => {
	await stopRuntime();
	for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe('sealing secrets with AES-256-GCM', () => {
	const key = randomBytes(32);
	const secret = newTotpKey();

	it('opens what it sealed; the sealed form is versioned and uses a fresh IV each time', () => {
		const a = seal(key, secret, 'totp:a');
		const b = seal(key, secret, 'totp:a');
		expect(a[0]).toBe(1);
		expect(a).toHaveLength(1 + 12 + 16 + secret.length);
		expect(a.subarray(1, 13)).not.toEqual(b.subarray(1, 13));
		expect(unseal(key, a, 'totp:a')).toEqual(secret);
		expect(unseal(key, b, 'totp:a')).toEqual(secret);
	});

	it('detects a change to any byte, another key and another context', () => {
		const sealed = seal(key, secret, 'totp:a');
		for (let index = 0; index < sealed.length; index++) {
			const altered = Uint8Array.from(sealed);
			altered[index]! ^= 0x80;
			expect(() => unseal(key, altered, 'totp:a'), `byte ${index}`).toThrow(SecretBoxError);
		}
		expect(() => unseal(randomBytes(32), sealed, 'totp:a')).toThrow(SecretBoxError);
		expect(() => unseal(key, sealed, 'totp:b')).toThrow(SecretBoxError);
		expect(() => unseal(key, sealed.subarray(0, 20), 'totp:a')).toThrow(SecretBoxError);
	});
});

describe('SECRET_KEY', () => {
	it('is read as 32 bytes of base64, and anything else stops start-up naming it', () => {
		const value = randomBytes(32).toString('base64');
		expect(readConfig({ SECRET_KEY: value }).SECRET_KEY).toEqual(
			new Uint8Array(Buffer.from(value, 'base64'))
		);
		for (const bad of ['hemmelig', randomBytes(31).toString('base64'), `${value}xx`]) {
			expect(() => readConfig({ SECRET_KEY: bad })).toThrow(ConfigError);
			expect(() => readConfig({ SECRET_KEY: bad })).toThrow(/SECRET_KEY: must be 32 random bytes/);
			expect(() => readConfig({ SECRET_KEY: bad })).not.toThrow(bad);
		}
	});

	it('wins over the key file, which is then not made', async () => {
		const dataDir = tempDir();
		const config = readConfig({
			DATA_DIR: dataDir,
			SECRET_KEY: randomBytes(32).toString('base64')
		});
		const loaded = await loadSecretKey(config);
		expect(loaded).toMatchObject({ bytes: config.SECRET_KEY, durable: true, source: 'SECRET_KEY' });
		expect(fs.existsSync(path.join(dataDir, SECRET_KEY_FILE))).toBe(false);
	});

	it('on the embedded database is made once into DATA_DIR/secret.key (mode 0600) and reused', async () => {
		const config = readConfig({ DATA_DIR: tempDir() });
		const first = await loadSecretKey(config);
		const file = path.join(config.dataDir, SECRET_KEY_FILE);
		expect(first).toMatchObject({ durable: true, source: 'file' });
		expect(first.bytes).toHaveLength(32);
		expect(fs.statSync(file).mode & 0o777).toBe(0o600);
		expect((await loadSecretKey(config)).bytes).toEqual(first.bytes);
	});

	it('refuses a key file that is not a key', async () => {
		const config = readConfig({ DATA_DIR: tempDir() });
		fs.writeFileSync(path.join(config.dataDir, SECRET_KEY_FILE), 'not a key\n');
		await expect(loadSecretKey(config)).rejects.toThrow(/secret\.key is not a secret key/);
	});

	it('with DATABASE_URL and none set, is made for this process only, with a loud warning', async () => {
		const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
		const dataDir = tempDir();
		const config = readConfig({ DATA_DIR: dataDir, DATABASE_URL: 'postgres://db.example/samplan' });
		const loaded = await loadSecretKey(config);
		expect(loaded).toMatchObject({ durable: false, source: 'ephemeral' });
		expect(warn).toHaveBeenCalledWith(expect.stringContaining('will NOT survive a restart'));
		expect(fs.existsSync(path.join(dataDir, SECRET_KEY_FILE))).toBe(false);
	});
});

describe('two-factor sign-in across a restart of the embedded database', () => {
	async function newSessionId(db: Parameters<typeof createSession>[0], userId: string) {
		const token = generateSessionToken();
		await createSession(db, token, userId, { days: 7, maxDays: 30, idleMinutes: 120 });
		return sessionIdFromToken(token);
	}

	it('a code still signs in with the same key file, and is refused (not a crash) with another', async () => {
		vi.spyOn(console, 'log').mockImplementation(() => {});
		const config = readConfig({ DATA_DIR: tempDir(), DEMO_SEED: 'off' });
		const key = newTotpKey();

		let { db } = await startRuntime(config);
		const make = factories(db);
		const user = await make.user('partner', (await make.organisation('jobcenter')).id);
		await enableTotp(db, user.id, await newSessionId(db, user.id), key);
		await stopRuntime();

		({ db } = await startRuntime(config));
		const code = generateTOTP(key, 30, 6);
		expect(await verifySecondFactor(db, user.id, await newSessionId(db, user.id), { code })).toBe(
			true
		);
		await stopRuntime();

		fs.writeFileSync(
			path.join(config.dataDir, SECRET_KEY_FILE),
			randomBytes(32).toString('base64') + '\n'
		);
		const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
		const error = vi.spyOn(console, 'error').mockImplementation(() => {});
		({ db } = await startRuntime(config));
		expect(warn).toHaveBeenCalledWith(expect.stringContaining('1 two-factor key(s) cannot be'));
		expect(await verifySecondFactor(db, user.id, await newSessionId(db, user.id), { code })).toBe(
			false
		);
		expect(error).toHaveBeenCalledWith(expect.stringContaining('cannot be decrypted'));
		await stopRuntime();
	});
});
