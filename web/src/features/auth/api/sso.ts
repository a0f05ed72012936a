// GET /api/auth/sso: whether staff SSO (OpenID Connect) is configured, for the login panel.
import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../shared/api/client.ts';

/** Where the browser goes to start an SSO login (a full page navigation, the server redirects to the IdP). */
export const SSO_START_PATH = '/api/auth/sso/start';

/** Asks the server whether SSO is configured. */
export function getSsoStatus(signal?: AbortSignal): Promise<{ enabled: boolean }> {
  return apiRequest<{ enabled: boolean }>('/api/auth/sso', { quiet401: true, ...(signal ? { signal } : {}) });
}

/** Whether SSO is configured; an error simply means no SSO button. */
export function useSsoStatus() {
  return useQuery({ queryKey: ['auth', 'sso'], queryFn: ({ signal }) => getSsoStatus(signal), staleTime: 5 * 60_000, retry: false });
}
