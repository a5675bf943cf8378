import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { ConfigError, decodeSecretKey, type Config } from '../config';

/**
 * Secrets that must be readable again (TOTP keys), encrypted at rest with AES-256-GCM under the
 * process's SECRET_KEY, so a database dump or backup alone does not give them away.
 *
 * A sealed value is `version (1) | IV (12) | auth tag (16) | ciphertext`. The version byte lets
 * the format change later without guessing; it and a context string (what the secret is, and
 * whose) are authenticated too, so a value copied to another row or purpose does not open.
 */
const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = 1 + IV_BYTES + TAG_BYTES;

export class SecretBoxError extends Error {}

export interface SecretKey {
	bytes: Uint8Array;
	/** False for a key made up for this process only: whatever it sealed is lost on restart. */
	durable: boolean;
	source: 'SECRET_KEY' | 'file' | 'ephemeral';
}

function additionalData(context: string): Buffer {
	return Buffer.concat([Buffer.of(VERSION), Buffer.from(context, 'utf8')]);
}

export function seal(key: Uint8Array, plain: Uint8Array, context: string): Uint8Array {
	const iv = randomBytes(IV_BYTES);
	const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
	cipher.setAAD(additionalData(context));
	const ciphertext = Buffer.concat([cipher.update(plain), cipher.final()]);
	return new Uint8Array(Buffer.concat([Buffer.of(VERSION), iv, cipher.getAuthTag(), ciphertext]));
}

/** Whether a stored value is in the sealed format (anything else was written before it). */
export function isSealed(value: Uint8Array): boolean {
	return value.length >= HEADER_BYTES && value[0] === VERSION;
}

/** Opens a sealed value; throws SecretBoxError for another key, context, or any altered byte. */
export function unseal(key: Uint8Array, sealed: Uint8Array, context: string): Uint8Array {
	if (!isSealed(sealed)) throw new SecretBoxError('not a sealed value');
	const bytes = Buffer.from(sealed);
	const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(1, 1 + IV_BYTES), {
		authTagLength: TAG_BYTES
	});
	decipher.setAAD(additionalData(context));
	decipher.setAuthTag(bytes.subarray(1 + IV_BYTES, HEADER_BYTES));
	try {
		return new Uint8Array(
			Buffer.concat([decipher.update(bytes.subarray(HEADER_BYTES)), decipher.final()])
		);
	} catch {
		throw new SecretBoxError('the value does not authenticate under this key');
	}
}

export const SECRET_KEY_FILE = 'secret.key';

/**
 * The process's key: SECRET_KEY when set. Otherwise the embedded default keeps one in
 * DATA_DIR/secret.key, made on first start (mode 0600) and reused, so `npm start` needs no setup.
 *
 * With DATABASE_URL and no SECRET_KEY we do not refuse to start: the test suites, CI and the
 * benchmarks start servers on PostgreSQL without one. Instead the key lives only in this process,
 * and we say loudly that two-factor enrolments made now will not survive a restart. A file
 * beside the database is not an answer there: several instances share one database.
 */
export async function loadSecretKey(
	config: Pick<Config, 'SECRET_KEY' | 'DATABASE_URL' | 'dataDir'>
): Promise<SecretKey> {
	if (config.SECRET_KEY) return { bytes: config.SECRET_KEY, durable: true, source: 'SECRET_KEY' };
	if (!config.DATABASE_URL) {
		return { bytes: await keyFile(config.dataDir), durable: true, source: 'file' };
	}
	console.warn(
		[
			'',
			'**********************************************************************************',
			'ADVARSEL: SECRET_KEY er ikke sat. WARNING: SECRET_KEY is not set (DATABASE_URL is).',
			'Two-factor (TOTP) keys are encrypted with a key that exists only in this process:',
			'enrolments made now will NOT survive a restart, and other instances cannot read them.',
			'Set SECRET_KEY to the same value on every instance: openssl rand -base64 32',
			'**********************************************************************************',
			''
		].join('\n')
	);
	return { bytes: new Uint8Array(randomBytes(32)), durable: false, source: 'ephemeral' };
}

async function keyFile(dataDir: string): Promise<Uint8Array> {
	const file = path.join(dataDir, SECRET_KEY_FILE);
	try {
		await fs.mkdir(dataDir, { recursive: true });
		// 'wx' never overwrites: a concurrent first start or an existing key wins, and we read it.
		await fs.writeFile(file, randomBytes(32).toString('base64') + '\n', {
			mode: 0o600,
			flag: 'wx'
		});
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
			throw new ConfigError(
				`Could not create ${file} for SECRET_KEY (${(error as Error).message}); set SECRET_KEY or make DATA_DIR writable`
			);
		}
	}
	const key = decodeSecretKey(await fs.readFile(file, 'utf8'));
	if (!key) {
		throw new ConfigError(
			`${file} is not a secret key (expected 32 bytes in base64). Restore it from backup; a new key makes existing two-factor enrolments unreadable.`
		);
	}
	return key;
}
