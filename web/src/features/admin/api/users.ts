// GET /api/admin/users and POST /api/admin/users/:id/password-reset.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../shared/api/client.ts';
import type { PasswordResetToken, UserPage } from './types.ts';

/** Query key prefix of the user list. */
export const usersQueryKey = ['admin', 'users'] as const;

/** Search and paging of the user list. */
export interface UserQuery {
  search: string;
  limit: number;
  offset: number;
}

/** Fetches one page of users matching the search (name or user name fragment). */
export function getUsers(query: UserQuery, signal?: AbortSignal): Promise<UserPage> {
  const params = new URLSearchParams({ limit: String(query.limit), offset: String(query.offset) });
  if (query.search.trim() !== '') params.set('search', query.search.trim());
  return apiRequest<UserPage>(`/api/admin/users?${params}`, signal ? { signal } : {});
}

/** One page of users; the previous page stays visible while the next loads. */
export function useUsers(query: UserQuery) {
  return useQuery({
    queryKey: [...usersQueryKey, query],
    queryFn: ({ signal }) => getUsers(query, signal),
    placeholderData: keepPreviousData,
  });
}

/** The user and the description of how their identity was checked. */
export interface PasswordResetInput {
  userId: string;
  identityCheck: string;
}

/** Issues a one-time reset token; the server records the identity check and ends the user's sessions. */
export function issuePasswordReset({ userId, identityCheck }: PasswordResetInput): Promise<PasswordResetToken> {
  return apiRequest<PasswordResetToken>(`/api/admin/users/${encodeURIComponent(userId)}/password-reset`, { method: 'POST', body: { identityCheck } });
}

/** Mutation for the password reset dialog. */
export function useIssuePasswordReset() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: issuePasswordReset,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: usersQueryKey }),
  });
}
