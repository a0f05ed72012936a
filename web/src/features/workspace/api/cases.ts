// One case: GET, create, change, add a document, delete and print (/api/workspace/cases…); the server decides every step.
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../shared/api/client.ts';
import { citizensQueryKey } from './citizens.ts';
import { purposeBody, purposeQuery } from './purpose.ts';
import type { CaseDocument, CaseStatus, CaseView, PrintableCase } from './types.ts';

/** Query key prefix of the case pages. */
export const casesQueryKey = ['workspace', 'case'] as const;

const casePath = (caseId: string) => `/api/workspace/cases/${encodeURIComponent(caseId)}`;

/** Fetches one case at the level the user may see; 404 when it does not exist or may not be known (the same answer). */
export function getCase(caseId: string, signal?: AbortSignal): Promise<CaseView> {
  return apiRequest<CaseView>(`${casePath(caseId)}${purposeQuery()}`, signal ? { signal } : {});
}

/** One case; never refetched on its own (every fetch is logged). */
export function useCase(caseId: string) {
  // No abort signal: the server logs the view anyway, and an aborted fetch (e.g. a remount) would be fetched again.
  return useQuery({ queryKey: [...casesQueryKey, caseId], queryFn: () => getCase(caseId), staleTime: Infinity });
}

/** A new case for a citizen. */
export interface NewCaseInput {
  citizenRef: string;
  kle: string;
  title: string;
  /** "municipality" (default) or another authority such as "boern-og-unge-udvalget". */
  authority?: string;
}

/** Opens a case; 403 without the enter right on its type, 400 for an unknown KLE. */
export function createCase(input: NewCaseInput): Promise<CaseView> {
  return apiRequest<CaseView>('/api/workspace/cases', { method: 'POST', body: { ...input, ...purposeBody() } });
}

/** Mutation for the create-case form; the new case is cached and the citizen's pages marked stale (fetched again when next shown). */
export function useCreateCase() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createCase,
    onSuccess: async (created) => {
      queryClient.setQueryData([...casesQueryKey, created.id], created);
      await queryClient.invalidateQueries({ queryKey: [...citizensQueryKey, created.citizen.ref], refetchType: 'none' });
    },
  });
}

/** The changes a case accepts. */
export interface CaseChangesInput {
  caseId: string;
  status?: CaseStatus;
  title?: string;
}

/** Changes status and/or title; 403 without the enter right. */
export function updateCase({ caseId, ...changes }: CaseChangesInput): Promise<CaseView> {
  return apiRequest<CaseView>(casePath(caseId), { method: 'PATCH', body: { ...changes, ...purposeBody() } });
}

/** Mutation for the change form; the answer replaces the cached case and the citizen's pages are marked stale. */
export function useUpdateCase() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateCase,
    onSuccess: async (updated) => {
      queryClient.setQueryData([...casesQueryKey, updated.id], updated);
      await queryClient.invalidateQueries({ queryKey: [...citizensQueryKey, updated.citizen.ref], refetchType: 'none' });
    },
  });
}

/** A new document on a case. */
export interface NewDocumentInput {
  caseId: string;
  title: string;
  body: string;
}

/** Adds a document; 403 without the enter right. */
export function addDocument({ caseId, ...doc }: NewDocumentInput): Promise<CaseDocument> {
  return apiRequest<CaseDocument>(`${casePath(caseId)}/documents`, { method: 'POST', body: { ...doc, ...purposeBody() } });
}

/** Mutation for the add-document form; the new document is added to the cached case (no second, logged fetch). */
export function useAddDocument() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: addDocument,
    onSuccess: (doc, input) =>
      queryClient.setQueryData<CaseView>([...casesQueryKey, input.caseId], (view) =>
        view?.content ? { ...view, content: { ...view.content, documents: [...view.content.documents, doc] } } : view,
      ),
  });
}

/** Deletes a case and its documents; 403 without the delete right. */
export function deleteCase(input: { caseId: string; citizenRef: string }): Promise<{ deleted: true; documents: number }> {
  return apiRequest<{ deleted: true; documents: number }>(`${casePath(input.caseId)}${purposeQuery()}`, { method: 'DELETE' });
}

/** Mutation for the delete dialog; marks the citizen's pages stale (they are fetched again when next shown). */
export function useDeleteCase() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteCase,
    onSuccess: (_result, input) => queryClient.invalidateQueries({ queryKey: [...citizensQueryKey, input.citizenRef], refetchType: 'none' }),
  });
}

/** Forgets a cached case; call after leaving its page (a mounted page would otherwise fetch it again). */
export function useForgetCase(): (caseId: string) => void {
  const queryClient = useQueryClient();
  return (caseId) => queryClient.removeQueries({ queryKey: [...casesQueryKey, caseId] });
}

/** Fetches a case for printing (the server logs the print); 403 without the print right. */
export function printCase(caseId: string, signal?: AbortSignal): Promise<PrintableCase> {
  return apiRequest<PrintableCase>(`${casePath(caseId)}/print${purposeQuery()}`, signal ? { signal } : {});
}

/**
 * The printable case, fetched once per visit to the print view (each print is its own logged act): the key carries a
 * per-visit id, so a new visit fetches again while a re-render or React's development remount does not.
 */
export function usePrintCase(caseId: string) {
  const [visit] = useState(() => `${Date.now()}-${Math.random()}`);
  return useQuery({ queryKey: [...casesQueryKey, caseId, 'print', visit], queryFn: () => printCase(caseId), staleTime: Infinity, gcTime: 60_000 });
}
