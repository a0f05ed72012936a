// POST /api/auth/reset: a new password with the one-time token an administrator handed over personally.
import { useMutation } from '@tanstack/react-query';
import { apiRequest } from '../../../shared/api/client.ts';

/** The token as typed or pasted, and the new password. */
export interface RedeemResetInput {
  token: string;
  newPassword: string;
}

/** Sets the new password (204); 400 invalid_token (wrong, used or expired), 422 weak_password with the reasons. */
export function redeemPasswordReset(input: RedeemResetInput): Promise<void> {
  return apiRequest<void>('/api/auth/reset', { method: 'POST', body: input, quiet401: true });
}

/** Mutation for the reset form. */
export function useRedeemPasswordReset() {
  return useMutation({ mutationFn: redeemPasswordReset });
}
