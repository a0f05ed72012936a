// The navigation entries, as data: modules add an entry here and say which roles see it.
import type { Role } from '../features/auth/index.ts';
import type { MessageKey } from '../shared/i18n/index.tsx';

/** One entry in the main navigation. */
export interface NavItem {
  id: string;
  path: string;
  label: MessageKey;
  /** Roles that see the entry; undefined means every signed-in user. Access is still decided by the server. */
  roles?: readonly Role[];
  /** False until the module exists; hidden entries keep the order stable. */
  available: boolean;
}

/** Every module in display order. */
export const navItems: readonly NavItem[] = [
  { id: 'overview', path: '/', label: 'nav.overview', available: true },
  { id: 'citizen-service', path: '/borgerservice', label: 'nav.citizenService', roles: ['employee', 'manager'], available: true },
  { id: 'log', path: '/log', label: 'nav.log', roles: ['security', 'dpo', 'manager'], available: false },
  { id: 'control', path: '/kontrol', label: 'nav.control', available: true },
  { id: 'access', path: '/adgang', label: 'nav.access', roles: ['manager', 'authorizer', 'security', 'dpo', 'it-admin'], available: true },
  { id: 'admin', path: '/brugere', label: 'nav.admin', roles: ['it-admin', 'security'], available: true },
  { id: 'security-log', path: '/sikkerhedslog', label: 'nav.securityLog', roles: ['security'], available: true },
  { id: 'systems', path: '/systemer', label: 'nav.systems', roles: ['system-owner', 'security', 'dpo'], available: false },
];

/** The entries this user should see. */
export function visibleNavItems(userRoles: readonly string[]): NavItem[] {
  return navItems.filter((item) => item.available && (!item.roles || item.roles.some((role) => userRoles.includes(role))));
}

/** True when path belongs to the entry (the overview matches only "/"). */
export function isActive(item: NavItem, path: string): boolean {
  return item.path === '/' ? path === '/' : path === item.path || path.startsWith(`${item.path}/`);
}
