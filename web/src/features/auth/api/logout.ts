// POST /api/auth/logout: ends the session on the server, then forgets everything in the browser.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../shared/api/client.ts';
import { navigate } from '../../../shared/navigation/index.tsx';
import { markAnonymous } from './session.ts';

/** Ends the session on the server. */
export function logout(): Promise<void> {
  return apiRequest<void>('/api/auth/logout', { method: 'POST', quiet401: true });
}

/** Mutation for the logout button; the browser forgets the session even if the server call fails. */
export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: logout,
    onSettled: () => {
      markAnonymous(queryClient);
      navigate('/', { replace: true });
    },
  });
}
