// Finding and opening citizens: POST /api/workspace/citizens/search and /lookup (CPR only ever in a body), GET by ref.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../shared/api/client.ts';
import { purposeBody, purposeQuery } from './purpose.ts';
import type { CitizenSearchResult, CitizenView } from './types.ts';

/** Query key prefix of every citizen page (invalidated when a case changes). */
export const citizensQueryKey = ['workspace', 'citizen'] as const;

/** How many cases one page of a citizen shows. */
export const CITIZEN_PAGE_SIZE = 20;

/** A name and/or address search criterion. */
export interface NameAddressSearch {
  name?: string;
  address?: string;
}

/** Searches citizens by name and/or address text (every person shown is logged). */
export function searchCitizens(criterion: NameAddressSearch): Promise<CitizenSearchResult> {
  return apiRequest<CitizenSearchResult>('/api/workspace/citizens/search', { method: 'POST', body: { ...criterion, ...purposeBody() } });
}

/** Mutation for the name/address search (a POST: each search is an explicit, logged act). */
export function useSearchCitizens() {
  return useMutation({ mutationFn: searchCitizens });
}

/** Opens a citizen by CPR number, sent in the body; 404 when unknown, 403 without the search right. */
export function lookupCitizen(cpr: string): Promise<CitizenView> {
  return apiRequest<CitizenView>('/api/workspace/citizens/lookup', { method: 'POST', body: { cpr, ...purposeBody() } });
}

/** Mutation for the CPR lookup; the answer is cached as the citizen's first page so opening it does not look up again. */
export function useLookupCitizen() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: lookupCitizen,
    onSuccess: (citizen) => queryClient.setQueryData([...citizensQueryKey, citizen.ref, 0], citizen),
  });
}

/** Fetches a citizen by opaque ref with one page of their cases. */
export function getCitizen(ref: string, offset: number, signal?: AbortSignal): Promise<CitizenView> {
  const query = purposeQuery({ limit: String(CITIZEN_PAGE_SIZE), offset: String(offset) });
  return apiRequest<CitizenView>(`/api/workspace/citizens/${encodeURIComponent(ref)}${query}`, signal ? { signal } : {});
}

/** A citizen page; every fetch is logged, so a shown page is never refetched on its own (only after a change). */
export function useCitizen(ref: string, offset: number) {
  return useQuery({
    queryKey: [...citizensQueryKey, ref, offset],
    // No abort signal: the server logs the lookup anyway, and an aborted fetch (e.g. a remount) would be fetched again.
    queryFn: () => getCitizen(ref, offset),
    staleTime: Infinity,
    placeholderData: keepPreviousData,
  });
}
