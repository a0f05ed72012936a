// A small, clearly marked banner shown only when Skjold runs in demo mode.
import { useT } from '../../../shared/i18n/index.tsx';
import { useMeta } from '../api/get-meta.ts';

/** Renders the demo banner when the server says mode is "demo"; nothing otherwise. */
export function DemoBanner() {
  const t = useT();
  const meta = useMeta();
  if (meta.data?.mode !== 'demo') return null;
  return (
    <div className="demo-banner" role="note" data-testid="demo-banner">
      <span className="demo-badge">{t('demo.badge')}</span>
      <span>{t('demo.text')}</span>
    </div>
  );
}
