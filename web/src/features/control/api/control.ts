// /api/control/…: my cases and explanations, reviews, alerts, cases, closing, and the watch list.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../shared/api/client.ts';
import type { CaseList, ControlAlert, ControlCaseStatus, WatchlistEntry } from './types.ts';

/** Query key prefix of everything in the control module; every step invalidates it. */
export const controlQueryKey = ['control'] as const;

/** The signed-in user's own control cases. */
export function useMyCases() {
  return useQuery({ queryKey: [...controlQueryKey, 'my-cases'], queryFn: ({ signal }) => apiRequest<CaseList>('/api/control/my-cases', { signal }) });
}

/** Cases awaiting the signed-in manager's review (403 for non-managers). */
export function useReviews(enabled: boolean) {
  return useQuery({ queryKey: [...controlQueryKey, 'reviews'], enabled, queryFn: ({ signal }) => apiRequest<CaseList>('/api/control/reviews', { signal }) });
}

/** Alerts (security staff). */
export function useAlerts(enabled: boolean) {
  return useQuery({ queryKey: [...controlQueryKey, 'alerts'], enabled, queryFn: ({ signal }) => apiRequest<{ alerts: ControlAlert[] }>('/api/control/alerts?limit=500', { signal }) });
}

/** Control cases, optionally of one status (security staff). */
export function useCases(status: ControlCaseStatus | '', enabled: boolean) {
  const query = status ? `?${new URLSearchParams({ status }).toString()}` : '';
  return useQuery({ queryKey: [...controlQueryKey, 'cases', status], enabled, queryFn: ({ signal }) => apiRequest<CaseList>(`/api/control/cases${query}`, { signal }) });
}

/** The watch list, CPR masked (security staff). */
export function useWatchlist(enabled: boolean) {
  return useQuery({ queryKey: [...controlQueryKey, 'watchlist'], enabled, queryFn: ({ signal }) => apiRequest<{ entries: WatchlistEntry[] }>('/api/control/watchlist', { signal }) });
}

function useControlMutation<I, O>(mutationFn: (input: I) => Promise<O>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn, onSettled: () => queryClient.invalidateQueries({ queryKey: controlQueryKey }) });
}

/** The case and the employee's explanation. */
export interface ExplanationInput {
  id: string;
  explanation: string;
}

/** Sends the explanation; refused (400) when shorter than 10 characters, 409 when the case no longer awaits it. */
export function useExplainCase() {
  return useControlMutation(({ id, explanation }: ExplanationInput) =>
    apiRequest<{ status: ControlCaseStatus; reviewerId: string | null }>(`/api/control/cases/${encodeURIComponent(id)}/explanation`, { method: 'POST', body: { explanation } }),
  );
}

/** The reviewer's outcome and note. */
export interface ReviewInput {
  id: string;
  outcome: 'satisfied' | 'not-satisfied';
  note: string | null;
}

/** Reviews an explanation; satisfied closes the case, otherwise it goes to the security staff. */
export function useReviewCase() {
  return useControlMutation(({ id, outcome, note }: ReviewInput) =>
    apiRequest<{ status: ControlCaseStatus }>(`/api/control/cases/${encodeURIComponent(id)}/review`, { method: 'POST', body: { outcome, note } }),
  );
}

/** The security staff's closing outcome and the follow-up noted. */
export interface CloseInput {
  id: string;
  outcome: 'explained' | 'misuse';
  note: string;
}

/** Closes a case as explained or as misuse (security staff). */
export function useCloseCase() {
  return useControlMutation(({ id, outcome, note }: CloseInput) =>
    apiRequest<{ status: ControlCaseStatus }>(`/api/control/cases/${encodeURIComponent(id)}/close`, { method: 'POST', body: { outcome, note } }),
  );
}

/** A person to put on the watch list: CPR (sent in the body, never the URL) and why. */
export interface WatchlistInput {
  cpr: string;
  reason: string;
}

/** Adds a person to the watch list (201 with the entry id). */
export function useAddToWatchlist() {
  return useControlMutation((input: WatchlistInput) => apiRequest<{ id: string }>('/api/control/watchlist', { method: 'POST', body: input }));
}

/** Removes an entry from the watch list. */
export function useRemoveFromWatchlist() {
  return useControlMutation((id: string) => apiRequest<{ status: string }>(`/api/control/watchlist/${encodeURIComponent(id)}`, { method: 'DELETE' }));
}
