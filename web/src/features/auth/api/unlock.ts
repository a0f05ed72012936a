// POST /api/auth/unlock: the password again, to leave the lock screen (AUTH-6).
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../shared/api/client.ts';
import { sessionQueryKey } from './session.ts';

/** The password, plus the authenticator code when the session was opened with one. */
export interface UnlockInput {
  password: string;
  code?: string;
}

/** Sends the password (and code) to unlock the session. */
export function unlock(input: UnlockInput): Promise<{ status: string }> {
  return apiRequest('/api/auth/unlock', { method: 'POST', body: input, quiet401: true });
}

/** Mutation for the lock screen; on success the session is re-read (and data views mount again). */
export function useUnlock() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: unlock,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sessionQueryKey }),
  });
}
