// POST /api/auth/password: the user chooses a new password; the server then ends every session of the user.
import { useMutation } from '@tanstack/react-query';
import { apiRequest } from '../../../shared/api/client.ts';

/** The current and the new password. */
export interface ChangePasswordInput {
  currentPassword: string;
  newPassword: string;
}

/** Changes the password (204); 401 wrong current password, 422 weak new password (field newPassword). */
export function changePassword(input: ChangePasswordInput): Promise<void> {
  return apiRequest<void>('/api/auth/password', { method: 'POST', body: input, quiet401: true });
}

/** Mutation for the password change form. */
export function useChangePassword() {
  return useMutation({ mutationFn: changePassword });
}
