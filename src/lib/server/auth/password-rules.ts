import { z } from 'zod';

/**
 * New passwords: long rather than complex (NIST SP 800-63B, ASVS 6.2): at least 12 characters,
 * at most 256, and not the e-mail address.
 */
export function newPasswordSchema(email: string) {
	return z
		.string()
		.min(12, 'too_short')
		.max(256, 'too_long')
		.refine((value) => value.trim().toLowerCase() !== email.trim().toLowerCase(), 'is_email');
}

export type PasswordProblem =
	'too_short' | 'too_long' | 'is_email' | 'mismatch' | 'wrong_current' | 'locked';
