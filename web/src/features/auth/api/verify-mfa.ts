// POST /api/auth/mfa/totp and /api/auth/mfa/recovery: the second factor after a password.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../shared/api/client.ts';
import { sessionQueryKey } from './session.ts';
import type { LoginResult } from './types.ts';

/** The second factors typed as a code. */
export type CodeMethod = 'totp' | 'recovery';

/** One code for one method. */
export interface MfaInput {
  method: CodeMethod;
  code: string;
}

/** Sends a TOTP or recovery code. */
export function verifyMfa({ method, code }: MfaInput): Promise<LoginResult> {
  return apiRequest(`/api/auth/mfa/${method}`, { method: 'POST', body: { code }, quiet401: true });
}

/** Mutation for the second-factor form; on success the session is re-read. */
export function useVerifyMfa() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: verifyMfa,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sessionQueryKey }),
  });
}
