// The notice required by AUTH-7 / CTL-4: lookups are logged and checked by random samples and automated monitoring.
import { useT } from '../../../shared/i18n/index.tsx';

/** The full notice for the start screen, or a one-line reminder for the app shell (the recurring notice). */
export function LoggingNotice({ variant = 'full' }: { variant?: 'full' | 'compact' }) {
  const t = useT();
  if (variant === 'compact') {
    return (
      <p className="notice-compact" data-testid="logging-notice">
        <NoticeIcon />
        <span>{t('notice.short')}</span>
      </p>
    );
  }
  return (
    <section className="notice" aria-labelledby="notice-title" data-testid="logging-notice">
      <NoticeIcon />
      <div>
        <h2 id="notice-title">{t('notice.title')}</h2>
        <p>{t('notice.body')}</p>
        <p>
          <strong>{t('notice.duty')}</strong>
        </p>
      </div>
    </section>
  );
}

function NoticeIcon() {
  return (
    <svg className="notice-icon" width="28" height="28" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <circle cx="11" cy="11" r="6.5" fill="none" stroke="currentColor" strokeWidth="2" />
      <path d="m16 16 5 5" stroke="currentColor" strokeWidth="2.4" strokeLinecap="round" />
    </svg>
  );
}
