import path from 'node:path';
import { z } from 'zod';

/** 32 bytes in standard base64 (the output of `openssl rand -base64 32`), else undefined. */
export function decodeSecretKey(text: string): Uint8Array | undefined {
	const trimmed = text.trim();
	if (!/^[A-Za-z0-9+/]{43}=$/.test(trimmed)) return undefined;
	return new Uint8Array(Buffer.from(trimmed, 'base64'));
}

/**
 * Every setting Samplan reads from the environment, validated once. A bad value stops start-up
 * with the variable's name and what was wrong, never a silent default.
 */
const schema = z.object({
	PORT: z.coerce.number().int().min(0).max(65535).default(3000),
	HOST: z.string().default('0.0.0.0'),
	ORIGIN: z.url().optional(),
	DATA_DIR: z.string().min(1).default('./data'),
	DATABASE_URL: z
		.string()
		.regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
		.optional(),
	REDIS_URL: z
		.string()
		.regex(/^rediss?:\/\//, 'must start with redis:// or rediss://')
		.optional(),
	SECRET_KEY: z
		.string()
		.transform((value, context) => {
			const key = decodeSecretKey(value);
			if (key) return key;
			context.addIssue({
				code: 'custom',
				message: 'must be 32 random bytes in base64 (44 characters), e.g. `openssl rand -base64 32`'
			});
			return z.NEVER;
		})
		.optional(),
	DEMO_SEED: z.enum(['auto', 'off']).default('auto'),
	// Seeds the demo as if today were N days later (negative: earlier), so the suite can prove it
	// holds on any day without waiting for one.
	DEMO_SEED_SHIFT_DAYS: z.coerce.number().int().min(-3650).max(3650).default(0),
	SESSION_DAYS: z.coerce.number().positive().default(7),
	SESSION_MAX_DAYS: z.coerce.number().positive().default(30),
	SESSION_IDLE_MINUTES: z.coerce.number().positive().default(120),
	AUDIT_RETENTION_DAYS: z.coerce.number().int().positive().default(3650),
	YJS_MAX_MESSAGE_BYTES: z.coerce
		.number()
		.int()
		.positive()
		.default(2 * 1024 * 1024),
	YJS_IDLE_AFTER_MS: z.coerce.number().int().positive().default(30_000),
	SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000)
});

export type Config = z.infer<typeof schema> & { dataDir: string };

export class ConfigError extends Error {}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
	const cleaned = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
	const result = schema.safeParse(cleaned);
	if (!result.success) {
		const lines = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
		throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
	}
	return { ...result.data, dataDir: path.resolve(result.data.DATA_DIR) };
}
