/** Every role a staff user can hold; a typed union, never free strings. */
export const roles = [
  'employee', // caseworker, e.g. in the citizen service centre
  'manager', // leads a unit; requests rights, reviews follow-ups
  'authorizer', // decides access requests (responsible manager / system owner)
  'security', // informationssikkerhedskoordinator and security administrator
  'it-admin', // IT administrator: users, locks, configuration
  'system-owner', // owns one or more IT systems
  'dpo', // data protection officer
] as const;

/** A staff role. */
export type Role = (typeof roles)[number];

/** True when value is a known role. */
export function isRole(value: string): value is Role {
  return (roles as readonly string[]).includes(value);
}
