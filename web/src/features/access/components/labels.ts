// How grants are named on screen: authority, level, rights, grantee kind and case type, in the current language.
import type { MessageKey, Translate } from '../../../shared/i18n/index.tsx';
import type { Grant, GranteeKind, GrantLevel } from '../api/types.ts';

/** The authorities a grant can be scoped to, in display order. */
export const authorities: readonly { value: string; label: MessageKey }[] = [
  { value: 'municipality', label: 'access.authority.municipality' },
  { value: 'boern-og-unge-udvalget', label: 'access.authority.buu' },
];

/** The name of an authority; unknown ones are shown as they are. */
export function authorityLabel(authority: string, t: Translate): string {
  const known = authorities.find((a) => a.value === authority);
  return known ? t(known.label) : authority;
}

/** The short name of a level ("Kender sagen" / "Ser indhold"). */
export function levelLabel(level: GrantLevel, t: Translate): string {
  return level === 'content' ? t('access.level.content') : t('access.level.existence');
}

/** The name of a grantee kind. */
export function granteeKindLabel(kind: GranteeKind, t: Translate): string {
  return kind === 'user' ? t('access.kind.user') : kind === 'unit' ? t('access.kind.unit') : t('access.kind.role');
}

/** The separate rights a grant carries (search, enter, delete), as names. */
export function rightLabels(grant: Pick<Grant, 'canSearch' | 'canEnter' | 'canDelete'>, t: Translate): string[] {
  return [grant.canSearch && t('access.right.search'), grant.canEnter && t('access.right.enter'), grant.canDelete && t('access.right.delete')].filter((x): x is string => typeof x === 'string');
}

/** The case type's title; "*" is every case type that is not hidden. */
export function scopeTitle(grant: Pick<Grant, 'scope' | 'scopeTitle'>, t: Translate): string {
  return grant.scope === '*' ? t('access.scope.all') : grant.scopeTitle;
}

/** The display name of a grantee: a role's name for role grants, else the name the server resolved. */
export function granteeName(grantee: Grant['grantee'], t: Translate): string {
  if (grantee.kind !== 'role') return grantee.name;
  const key = `role.${grantee.id}` as MessageKey;
  const label = t(key);
  return label === key ? grantee.name : label;
}
