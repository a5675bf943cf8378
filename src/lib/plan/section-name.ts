import { t } from '../i18n';

/**
 * A plan section's name in Danish: the method's name for a fixed section, the name a plan's own
 * section was given, or "Eget afsnit" when that name is not known here.
 */
export function sectionName(section: string, ownTitles: Record<string, string> = {}): string {
	if (section in t.sections) return t.sections[section as keyof typeof t.sections];
	return ownTitles[section] || t.plan.customSection;
}
