// /api/sampling/…: the schedule, the drawn samples and drawing one now (security staff).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../shared/api/client.ts';
import { controlQueryKey } from './control.ts';
import type { Sample, SampleSchedule, SampleTargets } from './types.ts';

const samplingKey = [...controlQueryKey, 'sampling'] as const;

/** The sampling schedule with the next random date. */
export function useSchedule(enabled: boolean) {
  return useQuery({ queryKey: [...samplingKey, 'schedule'], enabled, queryFn: ({ signal }) => apiRequest<SampleSchedule>('/api/sampling/schedule', { signal }) });
}

/** Drawn samples, newest first. */
export function useSamples(enabled: boolean) {
  return useQuery({ queryKey: [...samplingKey, 'samples'], enabled, queryFn: ({ signal }) => apiRequest<{ samples: Sample[] }>('/api/sampling/samples', { signal }) });
}

/** What to draw now; unset fields come from the schedule. */
export interface DrawInput {
  targets?: SampleTargets;
  employeesPerSample?: number;
}

/** Draws a sample now; refused (422) with a reason when the targets have no employees or no lookups. */
export function useDrawSample() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: DrawInput) => apiRequest<Sample>('/api/sampling/samples', { method: 'POST', body: input }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: controlQueryKey }),
  });
}
