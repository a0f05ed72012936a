// POST /api/auth/login: username and password; the answer may ask for a second factor or a password change.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../shared/api/client.ts';
import { sessionQueryKey } from './session.ts';
import type { LoginResult } from './types.ts';

/** The credentials the login form sends. */
export interface LoginInput {
  username: string;
  password: string;
}

/** Sends the credentials; a 401 carries the server's generic "wrong user name or password" message. */
export function login(input: LoginInput): Promise<LoginResult> {
  return apiRequest<LoginResult>('/api/auth/login', { method: 'POST', body: input, quiet401: true });
}

/** Mutation for the login form; on success the session is re-read. */
export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: login,
    onSuccess: async (result) => {
      if (result.status === 'ok') await queryClient.invalidateQueries({ queryKey: sessionQueryKey });
    },
  });
}
