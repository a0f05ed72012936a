// How case facts are named on screen: status, authority and case type, in the current language.
import type { Translate } from '../../../shared/i18n/index.tsx';
import type { CaseExistence, CaseStatus } from '../api/types.ts';

/** "Åben" / "Lukket". */
export function statusLabel(status: CaseStatus, t: Translate): string {
  return status === 'open' ? t('workspace.status.open') : t('workspace.status.closed');
}

/** The authority's name; unknown authorities are shown as they are. */
export function authorityLabel(authority: string, t: Translate): string {
  if (authority === 'municipality') return t('workspace.authority.municipality');
  if (authority === 'boern-og-unge-udvalget') return t('workspace.authority.buu');
  return authority;
}

/** "32.03.12 Boligstøtte" (the KLE number alone when its title is unknown). */
export function caseTypeLabel(c: Pick<CaseExistence, 'kle' | 'kleTitle'>): string {
  return c.kleTitle ? `${c.kle} ${c.kleTitle}` : c.kle;
}
