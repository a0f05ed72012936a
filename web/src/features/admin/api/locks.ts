// GET /api/admin/locks and POST /api/admin/locks/clear.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../shared/api/client.ts';
import type { Lock, LockKind } from './types.ts';
import { usersQueryKey } from './users.ts';

/** Query key of the lock list. */
export const locksQueryKey = ['admin', 'locks'] as const;

/** Fetches the engaged locks, newest first. */
export function getLocks(signal?: AbortSignal): Promise<{ locks: Lock[] }> {
  return apiRequest<{ locks: Lock[] }>('/api/admin/locks', signal ? { signal } : {});
}

/** The engaged locks. */
export function useLocks() {
  return useQuery({ queryKey: locksQueryKey, queryFn: ({ signal }) => getLocks(signal) });
}

/** Which lock to clear and the clarified cause (recorded in the security event log). */
export interface ClearLockInput {
  kind: LockKind;
  key: string;
  cause: string;
}

/** Clears a lock; 404 not_locked when it is no longer engaged. */
export function clearLock(input: ClearLockInput): Promise<{ status: 'cleared' }> {
  return apiRequest<{ status: 'cleared' }>('/api/admin/locks/clear', { method: 'POST', body: input });
}

/** Mutation for the clear-lock dialog; refreshes locks and users afterwards. */
export function useClearLock() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: clearLock,
    onSettled: async () => {
      await Promise.all([queryClient.invalidateQueries({ queryKey: locksQueryKey }), queryClient.invalidateQueries({ queryKey: usersQueryKey })]);
    },
  });
}
