// The citizen API of Min log: session state, the log pages, and formal requests. Own fetch calls (no staff session
// signals): a citizen's 401 means "log in with MitID", never the staff login.
import { useInfiniteQuery, useMutation, useQuery } from '@tanstack/react-query';

/** One lookup as the citizen sees it. */
export interface MinLogEntry {
  time: string;
  timeText: string;
  unit: string;
  system: string;
  purpose: string;
  action: string;
}

/** Whether the citizen is signed in and whether MitID login is set up. */
export interface CitizenSessionState {
  signedIn: boolean;
  loginAvailable: boolean;
  idleMinutes: number;
}

/** The receipt for a formal request. */
export interface RequestReceipt {
  reference: string;
  kind: 'access' | 'rectification';
  receivedAt: string;
  message: string | null;
}

/** A failed citizen call with the server's safe Danish message. */
export class CitizenApiError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
    this.name = 'CitizenApiError';
  }
}

async function call<T>(path: string, init: { method?: 'GET' | 'POST'; body?: unknown } = {}): Promise<T> {
  const method = init.method ?? 'GET';
  const response = await fetch(path, {
    method,
    credentials: 'same-origin',
    cache: 'no-store',
    headers: method === 'GET' ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
    ...(method === 'GET' ? {} : { body: JSON.stringify(init.body ?? {}) }),
  });
  if (response.status === 204) return undefined as T;
  const json = (await response.json().catch(() => undefined)) as { error?: { message?: string } } | undefined;
  if (!response.ok) throw new CitizenApiError(response.status, json?.error?.message ?? 'Der skete en fejl. Prøv igen senere.');
  return json as T;
}

/** The citizen's session state. */
export function useCitizenSession() {
  return useQuery({ queryKey: ['citizen', 'session'], queryFn: () => call<CitizenSessionState>('/api/citizen/session'), retry: false });
}

/** The citizen's Min log, newest first; fetchNextPage loads older lookups. */
export function useMinLog(enabled: boolean) {
  return useInfiniteQuery({
    queryKey: ['citizen', 'log'],
    enabled,
    retry: false,
    queryFn: ({ pageParam }) => call<{ entries: MinLogEntry[]; nextCursor: string | null }>(`/api/citizen/log${pageParam ? `?cursor=${encodeURIComponent(pageParam)}` : ''}`),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** Sends a formal request (access or rectification). */
export function useCitizenRequest() {
  return useMutation({ mutationFn: (input: { kind: 'access' | 'rectification'; message?: string }) => call<RequestReceipt>('/api/citizen/requests', { method: 'POST', body: input }) });
}

/** Logs the citizen out. */
export function citizenLogout(): Promise<void> {
  return call<void>('/api/citizen/logout', { method: 'POST' });
}
