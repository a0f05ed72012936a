// "Kontrol": my control cases for everyone; reviews for managers; alerts, cases, watch list and samples for security.
import { useT } from '../../../shared/i18n/index.tsx';
import { AlertsSection } from './AlertsSection.tsx';
import { MyCasesSection } from './MyCasesSection.tsx';
import { ReviewsSection } from './ReviewsSection.tsx';
import { SamplingSection } from './SamplingSection.tsx';
import { WatchlistSection } from './WatchlistSection.tsx';

/** The control page; the roles only choose which sections are shown, the server decides every request. */
export function ControlPage({ roles }: { roles: readonly string[] }) {
  const t = useT();
  const isManager = roles.includes('manager');
  const isSecurity = roles.includes('security');
  return (
    <div className="page control-page" data-testid="control-page">
      <h1>{t('control.title')}</h1>
      <p className="lead">{t('control.intro')}</p>
      {(isManager || isSecurity) && (
        <nav className="page-toc" aria-label={t('admin.toc')}>
          <ul>
            <li>
              <a href="#mine-kontroller">{t('control.mine.title')}</a>
            </li>
            {isManager && (
              <li>
                <a href="#til-gennemsyn">{t('control.reviews.title')}</a>
              </li>
            )}
            {isSecurity && (
              <>
                <li>
                  <a href="#alarmer">{t('control.alerts.title')}</a>
                </li>
                <li>
                  <a href="#overvaagningsliste">{t('control.watch.title')}</a>
                </li>
                <li>
                  <a href="#stikproever">{t('control.sampling.title')}</a>
                </li>
              </>
            )}
          </ul>
        </nav>
      )}
      <MyCasesSection />
      {isManager && <ReviewsSection />}
      {isSecurity && (
        <>
          <AlertsSection />
          <WatchlistSection />
          <SamplingSection />
        </>
      )}
    </div>
  );
}
