// GET /api/notice/status and POST /api/notice/acknowledge: the recurring logging notice (CTL-4, INS-3).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../shared/api/client.ts';

/** The signed-in user's notice status, with the Danish text. */
export interface NoticeStatus {
  due: boolean;
  version: number;
  title: string;
  paragraphs: string[];
  intervalMonths: number;
  lastAcknowledgedAt: string | null;
  nextDueAt: string | null;
}

const key = ['notice', 'status'] as const;

/** The notice status; re-checked every 30 minutes in the background (does not count as activity). */
export function useNoticeStatus() {
  return useQuery({ queryKey: key, queryFn: () => apiRequest<NoticeStatus>('/api/notice/status', { background: true }), refetchInterval: 30 * 60_000 });
}

/** Acknowledges the version shown. */
export function useAcknowledgeNotice() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (version: number) => apiRequest<NoticeStatus>('/api/notice/acknowledge', { method: 'POST', body: { version } }),
    onSuccess: (status) => client.setQueryData(key, status),
    onError: () => client.invalidateQueries({ queryKey: key }),
  });
}
