// POST /api/auth/webauthn/…: security keys as the second factor at login, and their enrolment.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../shared/api/client.ts';
import { sessionQueryKey } from './session.ts';
import type { LoginResult } from './types.ts';
import { createCredential, getAssertion, type CreationOptionsJSON, type RequestOptionsJSON } from './webauthn-browser.ts';

/** The whole login ceremony: options for the pending login → the key signs → the server checks; 401 when refused. */
export async function loginWithSecurityKey(): Promise<LoginResult> {
  const options = await apiRequest<RequestOptionsJSON>('/api/auth/webauthn/login/options', { method: 'POST', quiet401: true });
  const assertion = await getAssertion(options);
  return apiRequest<LoginResult>('/api/auth/webauthn/login/verify', { method: 'POST', body: assertion, quiet401: true });
}

/** Mutation for "Brug sikkerhedsnøgle"; on success the session is re-read. */
export function useSecurityKeyLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: loginWithSecurityKey,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sessionQueryKey }),
  });
}

/** The enrolment ceremony for the signed-in user; returns recovery codes (empty unless it is the first factor). */
export async function registerSecurityKey(): Promise<{ recoveryCodes: string[] }> {
  const options = await apiRequest<CreationOptionsJSON>('/api/auth/webauthn/register/options', { method: 'POST' });
  const credential = await createCredential(options);
  return apiRequest<{ recoveryCodes: string[] }>('/api/auth/webauthn/register/verify', { method: 'POST', body: credential });
}

/** Mutation for "Tilknyt sikkerhedsnøgle". */
export function useRegisterSecurityKey() {
  return useMutation({ mutationFn: registerSecurityKey });
}
