// GET /api/meta: the public facts the start page shows (municipality, demo or production, version).
import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../shared/api/client.ts';

/** The answer of GET /api/meta. */
export interface Meta {
  municipality: { code: string; name: string };
  mode: 'demo' | 'production';
  version: string;
}

/** Fetches the public facts. */
export function getMeta(): Promise<Meta> {
  return apiRequest<Meta>('/api/meta');
}

/** The public facts; they do not change while the page is open. */
export function useMeta() {
  return useQuery({ queryKey: ['meta'], queryFn: getMeta, staleTime: Infinity, retry: 2 });
}
