// The municipality Skjold serves (GET /api/meta, shared cache entry with the shell), to name a citizen's home municipality.
import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../shared/api/client.ts';

/** The part of GET /api/meta the workspace reads. */
interface MetaMunicipality {
  municipality: { code: string; name: string };
}

/** The municipality this Skjold serves (code and name); cached for the page's lifetime. */
export function useOwnMunicipality() {
  return useQuery({ queryKey: ['meta'], queryFn: () => apiRequest<MetaMunicipality>('/api/meta'), staleTime: Infinity, retry: 2, select: (m) => m.municipality });
}
