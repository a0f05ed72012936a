// GET and PUT /api/admin/auth-policy: MFA policy, trusted networks and session timeouts.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../shared/api/client.ts';
import type { AuthPolicy } from './types.ts';

/** Query key of the policy. */
export const authPolicyQueryKey = ['admin', 'auth-policy'] as const;

/** Fetches the current policy. */
export function getAuthPolicy(signal?: AbortSignal): Promise<AuthPolicy> {
  return apiRequest<AuthPolicy>('/api/admin/auth-policy', signal ? { signal } : {});
}

/** The current policy. */
export function useAuthPolicy() {
  return useQuery({ queryKey: authPolicyQueryKey, queryFn: ({ signal }) => getAuthPolicy(signal) });
}

/** Saves the policy; 400 with field errors when a value is outside the rules. */
export function saveAuthPolicy(policy: AuthPolicy): Promise<AuthPolicy> {
  return apiRequest<AuthPolicy>('/api/admin/auth-policy', { method: 'PUT', body: policy });
}

/** Mutation for the policy form; the saved policy replaces the cached one. */
export function useSaveAuthPolicy() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: saveAuthPolicy,
    onSuccess: (saved) => queryClient.setQueryData(authPolicyQueryKey, saved),
  });
}
