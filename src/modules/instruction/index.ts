// The instruction module: the recurring logging notice employees acknowledge (CTL-4, INS-3).
export {
  LOGGING_NOTICE,
  DEFAULT_NOTICE_INTERVAL_MONTHS,
  MIN_NOTICE_INTERVAL_MONTHS,
  MAX_NOTICE_INTERVAL_MONTHS,
  NoticeVersionError,
  addMonths,
  getNoticeInterval,
  noticeStatus,
  acknowledgeNotice,
  setNoticeInterval,
  type NoticeStatus,
} from './notice.ts';
