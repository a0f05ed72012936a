// "Adgange": who has access to what (ACC-7), pending requests and second approvals (ACC-12), and the request form.
import { isApiError } from '../../../shared/api/client.ts';
import { useT } from '../../../shared/i18n/index.tsx';
import { AccessDenied } from '../../../shared/ui/components.tsx';
import { useGrants } from '../api/grants.ts';
import { InForceSection } from './InForceSection.tsx';
import { PendingSection } from './PendingSection.tsx';
import { RequestSection } from './RequestSection.tsx';

/** The grant administration page; the roles only choose which actions are offered, the server decides every one. */
export function AccessPage({ roles }: { roles: readonly string[] }) {
  const t = useT();
  const pending = useGrants('pending');
  const has = (...wanted: string[]) => wanted.some((role) => roles.includes(role));
  const canRequest = has('manager', 'security');
  if (isApiError(pending.error, 403)) return <AccessDenied />;
  return (
    <div className="page">
      <h1>{t('access.title')}</h1>
      <p className="lead">{t('access.intro')}</p>
      <nav className="page-toc" aria-label={t('admin.toc')}>
        <ul>
          <li>
            <a href="#hvem-har-adgang">{t('access.inForce.title')}</a>
          </li>
          <li>
            <a href="#anmodninger">{t('access.pending.title')}</a>
          </li>
          {canRequest && (
            <li>
              <a href="#anmod-om-adgang">{t('access.request.title')}</a>
            </li>
          )}
        </ul>
      </nav>
      <InForceSection canRevoke={has('manager', 'authorizer', 'security')} />
      <PendingSection canDecide={has('authorizer')} canSecondApprove={has('security', 'authorizer')} />
      {canRequest && <RequestSection />}
    </div>
  );
}
