// The public start page: municipality, the logging notice (AUTH-7) and a slot for the login panel.
import type { ReactNode } from 'react';
import { useT } from '../../../shared/i18n/index.tsx';
import { Alert, LanguageSwitch, ShieldMark } from '../../../shared/ui/components.tsx';
import { useMeta } from '../api/get-meta.ts';
import { DemoBanner } from './DemoBanner.tsx';
import { LoggingNotice } from './LoggingNotice.tsx';

/** The start page; the app layer passes the login panel as children (features do not import each other). */
export function StartPage({ children }: { children: ReactNode }) {
  const t = useT();
  const meta = useMeta();
  return (
    <div className="start">
      <DemoBanner />
      <header className="start-header">
        <div className="brand">
          <ShieldMark size={40} />
          <div>
            <p className="brand-name">{t('app.name')}</p>
            <p className="brand-tagline">{t('app.tagline')}</p>
          </div>
        </div>
        <LanguageSwitch />
      </header>
      <main id="main" className="start-main">
        <div className="start-intro">
          <p className="eyebrow">{t('app.municipality')}</p>
          <h1 className="municipality-name" data-testid="municipality-name">
            {meta.data ? meta.data.municipality.name : meta.isError ? '—' : '\u00a0'}
          </h1>
          {meta.isError && <Alert tone="warning">{t('errors.meta')}</Alert>}
          <LoggingNotice />
        </div>
        <div className="start-login">{children}</div>
      </main>
      <footer className="start-footer">{meta.data && <span>{t('app.version', { version: meta.data.version })}</span>}</footer>
    </div>
  );
}
