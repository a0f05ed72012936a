// GET/POST /api/access/grants…: the lists, the CSV link, request, decision, second approval and revocation.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../shared/api/client.ts';
import type { GrantList, GrantListView, GrantRequestInput } from './types.ts';

/** Query key prefix of every grant list; each step invalidates it, since a step moves grants between lists. */
export const grantsQueryKey = ['access', 'grants'] as const;

/** The query string of a list: the view and, when given, the moment (ISO); no personal data. */
export function grantsQuery(view: GrantListView, at?: string): string {
  const params = new URLSearchParams({ view });
  if (at) params.set('at', at);
  return params.toString();
}

/** Fetches one list; without `at` the server uses its own "now". */
export function getGrants(view: GrantListView, at: string | undefined, signal?: AbortSignal): Promise<GrantList> {
  return apiRequest<GrantList>(`/api/access/grants?${grantsQuery(view, at)}`, signal ? { signal } : {});
}

/** One list of grants. */
export function useGrants(view: GrantListView, at?: string) {
  return useQuery({ queryKey: [...grantsQueryKey, view, at ?? 'now'], queryFn: ({ signal }) => getGrants(view, at, signal) });
}

/** The address of the CSV download of a list (ACC-7); the server records the export as a security event. */
export function grantsExportUrl(view: GrantListView, at?: string): string {
  return `/api/access/grants/export?${grantsQuery(view, at)}`;
}

function useGrantMutation<I, O>(mutationFn: (input: I) => Promise<O>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn, onSettled: () => queryClient.invalidateQueries({ queryKey: grantsQueryKey }) });
}

/** Requests a right (201 with the new id); 400 with field errors when the request is incomplete. */
export function requestGrant(input: GrantRequestInput): Promise<{ id: string }> {
  return apiRequest<{ id: string }>('/api/access/grants', { method: 'POST', body: input });
}

/** Mutation for the request form. */
export function useRequestGrant() {
  return useGrantMutation(requestGrant);
}

/** An authorizer's decision with an optional note. */
export interface DecisionInput {
  id: string;
  approve: boolean;
  note: string | null;
}

/** Approves or rejects a request; 409 self_approval for one's own request, wrong_state when already decided. */
export function decideGrant({ id, approve, note }: DecisionInput): Promise<{ status: string }> {
  return apiRequest(`/api/access/grants/${encodeURIComponent(id)}/decision`, { method: 'POST', body: { approve, note } });
}

/** Mutation for the decision dialog. */
export function useDecideGrant() {
  return useGrantMutation(decideGrant);
}

/** Gives the second approval (four eyes); 409 same_person when the requester or the decider tries. */
export function secondApproveGrant(id: string): Promise<{ status: string }> {
  return apiRequest(`/api/access/grants/${encodeURIComponent(id)}/second-approval`, { method: 'POST' });
}

/** Mutation for the second-approval dialog. */
export function useSecondApproveGrant() {
  return useGrantMutation(secondApproveGrant);
}

/** Which right to revoke, and why. */
export interface RevocationInput {
  id: string;
  reason: string;
}

/** Revokes a right; it stops on the next request (ACC-8). */
export function revokeGrant({ id, reason }: RevocationInput): Promise<{ status: string }> {
  return apiRequest(`/api/access/grants/${encodeURIComponent(id)}/revocation`, { method: 'POST', body: { reason } });
}

/** Mutation for the revocation dialog. */
export function useRevokeGrant() {
  return useGrantMutation(revokeGrant);
}
