// GET /api/auth/me as the session query, plus the reaction to 401/423 signals from any API call.
import { useEffect } from 'react';
import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { apiRequest, isApiError, onSessionSignal } from '../../../shared/api/client.ts';
import type { Me, SessionState } from './types.ts';

/** Query key of the session; other auth calls update it. */
export const sessionQueryKey = ['auth', 'session'] as const;

/** How often the UI asks the server whether the session is still open (marked as background, not activity). */
const pollMs = 30_000;

/** Reads the session: anonymous on 401 (or while the auth API is absent), locked on 423, restricted on 403 with a restriction code. */
export async function fetchSession(previous: SessionState | undefined, background: boolean): Promise<SessionState> {
  try {
    const me = await apiRequest<Me>('/api/auth/me', { quiet401: true, background });
    return me.session.locked ? { status: 'locked', user: me.user } : { status: 'active', me };
  } catch (error) {
    if (isApiError(error, 401) || isApiError(error, 404)) return { status: 'anonymous' };
    if (isApiError(error, 423)) return { status: 'locked', user: userOf(previous) };
    if (isApiError(error, 403) && error.code === 'password_change_required') return { status: 'restricted', restriction: 'password-change' };
    if (isApiError(error, 403) && error.code === 'mfa_enrolment_required') return { status: 'restricted', restriction: 'mfa-enrolment' };
    throw error;
  }
}

function userOf(state: SessionState | undefined) {
  if (state?.status === 'active') return state.me.user;
  if (state?.status === 'locked') return state.user;
  return null;
}

/** Drops every cached query except the session and the public meta facts, so no personal data stays in memory. */
export function dropDataQueries(queryClient: QueryClient): void {
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== 'auth' && query.queryKey[0] !== 'meta' });
}

/** Marks the session locked (lock screen) and forgets all loaded data. */
export function markLocked(queryClient: QueryClient): void {
  queryClient.setQueryData<SessionState>(sessionQueryKey, (previous) => ({ status: 'locked', user: userOf(previous) }));
  dropDataQueries(queryClient);
}

/** Marks the session gone (start page) and forgets all loaded data. */
export function markAnonymous(queryClient: QueryClient): void {
  queryClient.setQueryData<SessionState>(sessionQueryKey, { status: 'anonymous' });
  dropDataQueries(queryClient);
}

/** The current session; polls the server so a server-side lock shows even while the user is idle. */
export function useSession() {
  const queryClient = useQueryClient();
  useEffect(
    () =>
      onSessionSignal((signal) => {
        if (signal === 'locked') markLocked(queryClient);
        else markAnonymous(queryClient);
      }),
    [queryClient],
  );
  return useQuery({
    queryKey: sessionQueryKey,
    queryFn: () => {
      const previous = queryClient.getQueryData<SessionState>(sessionQueryKey);
      return fetchSession(previous, previous !== undefined);
    },
    refetchInterval: (query) => (query.state.data?.status === 'anonymous' ? false : pollMs),
    refetchIntervalInBackground: true,
    refetchOnWindowFocus: true,
    retry: false,
    staleTime: 5_000,
  });
}
