// POST /api/auth/totp/enrol and /api/auth/totp/confirm: connect an authenticator app; recovery codes come back once.
import { useMutation } from '@tanstack/react-query';
import { apiRequest } from '../../../shared/api/client.ts';

/** A new TOTP secret for the authenticator app (base32) and its otpauth:// URI. */
export interface TotpEnrolment {
  secret: string;
  uri: string;
}

/** Starts the enrolment: the server creates a secret. */
export function beginTotpEnrolment(): Promise<TotpEnrolment> {
  return apiRequest<TotpEnrolment>('/api/auth/totp/enrol', { method: 'POST' });
}

/** Confirms with a first code; returns the single-use recovery codes (shown once). */
export function confirmTotpEnrolment(code: string): Promise<{ recoveryCodes: string[] }> {
  return apiRequest('/api/auth/totp/confirm', { method: 'POST', body: { code }, quiet401: true });
}

/** Mutation that starts the enrolment. */
export function useBeginTotpEnrolment() {
  return useMutation({ mutationFn: beginTotpEnrolment });
}

/** Mutation that confirms the enrolment. */
export function useConfirmTotpEnrolment() {
  return useMutation({ mutationFn: confirmTotpEnrolment });
}
