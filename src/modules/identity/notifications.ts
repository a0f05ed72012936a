import type { IdentityDeps } from './context.ts';

/** An in-app notice for the signed-in user (addressed to them, or to a role they hold). */
export interface NotificationView {
  id: number;
  kind: string;
  message: string;
  createdAt: Date;
  read: boolean;
}

/** The newest notices for a user: their own and those to any of their roles. */
export async function listNotifications(deps: IdentityDeps, user: { userId: string; roles: readonly string[] }, limit = 50): Promise<NotificationView[]> {
  const rows = await deps.db
    .selectFrom('notification')
    .selectAll()
    .where('municipality', '=', deps.municipality)
    .where((eb) => eb.or([eb('recipient_user_id', '=', user.userId), ...(user.roles.length ? [eb('recipient_role', 'in', [...user.roles])] : [])]))
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: r.id, kind: r.kind, message: r.message, createdAt: new Date(r.created_at), read: r.read_at !== null }));
}

/** Marks a user's own notice read; role notices stay for the other holders of the role. */
export async function markNotificationRead(deps: IdentityDeps, userId: string, id: number): Promise<boolean> {
  const result = await deps.db.updateTable('notification').set({ read_at: deps.now() }).where('municipality', '=', deps.municipality).where('id', '=', id).where('recipient_user_id', '=', userId).where('read_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
