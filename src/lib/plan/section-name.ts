import { t } from '../i18n';

/**
 * A plan section's name in Danish: the method's name for a fixed section, the name a plan's own
 * section was given, or "Eget afsnit" when that name is not known here.
 */
export function sectionName(
	section: string,
	/** The plan's own sections' names by key, or this one section's name. */
	ownTitles: Record<string, string> | string | null = {}
): string {
	if (section in t.sections) return t.sections[section as keyof typeof t.sections];
	const own = typeof ownTitles === 'string' || ownTitles === null ? ownTitles : ownTitles[section];
	return own || t.plan.customSection;
}
