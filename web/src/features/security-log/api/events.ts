// GET /api/security-events: the security event log, newest first, paged by id (keyset: beforeId).
import { useInfiniteQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../shared/api/client.ts';

/** The server's vocabulary of security events (AUTH-8), shared from the audit module. */
export { securityEventTypes, type SecurityEventType } from '../../../../../src/modules/audit/security-event-types.ts';
import type { SecurityEventType } from '../../../../../src/modules/audit/security-event-types.ts';

/** One recorded security event. */
export interface SecurityEvent {
  id: number;
  time: string;
  type: SecurityEventType | (string & {});
  actorId: string | null;
  subjectId: string | null;
  ip: string | null;
  workstation: string | null;
  details: Record<string, unknown>;
}

/** The search filters; from/to are ISO instants, empty strings mean "no filter". */
export interface SecurityEventFilter {
  type: string;
  userId: string;
  from: string;
  to: string;
}

/** Events per page. */
export const eventPageSize = 50;

/** Fetches one page of events older than beforeId (the newest page when undefined). */
export function getSecurityEvents(filter: SecurityEventFilter, beforeId: number | undefined, signal?: AbortSignal): Promise<{ events: SecurityEvent[] }> {
  const params = new URLSearchParams({ limit: String(eventPageSize) });
  if (filter.type) params.set('type', filter.type);
  if (filter.userId.trim()) params.set('userId', filter.userId.trim());
  if (filter.from) params.set('from', filter.from);
  if (filter.to) params.set('to', filter.to);
  if (beforeId !== undefined) params.set('beforeId', String(beforeId));
  return apiRequest(`/api/security-events?${params}`, signal ? { signal } : {});
}

/** The events matching the filter; fetchNextPage continues below the oldest event shown ("Vis flere"). */
export function useSecurityEvents(filter: SecurityEventFilter) {
  return useInfiniteQuery({
    queryKey: ['security-events', filter],
    queryFn: ({ pageParam, signal }) => getSecurityEvents(filter, pageParam, signal),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => (last.events.length < eventPageSize ? undefined : last.events[last.events.length - 1]?.id),
  });
}
