// Forside: the signed-in user's landing page. Modules add their cards here as they arrive.
import { useT, type MessageKey } from '../../../shared/i18n/index.tsx';

/** The user facts the overview shows (passed in by the app layer). */
export interface OverviewUser {
  name: string;
  roles: string[];
  unit: { name: string };
}

/** The overview page. */
export function OverviewPage({ user }: { user: OverviewUser }) {
  const t = useT();
  const roleLabels = user.roles.map((role) => {
    const key = `role.${role}` as MessageKey;
    const label = t(key);
    return label === key ? role : label;
  });
  return (
    <div className="page">
      <h1>{t('overview.welcome', { name: user.name })}</h1>
      <p className="lead">{t('overview.intro')}</p>
      <dl className="facts card">
        <div>
          <dt>{t('overview.unit')}</dt>
          <dd>{user.unit.name}</dd>
        </div>
        <div>
          <dt>{t('overview.roles')}</dt>
          <dd>{roleLabels.length > 0 ? roleLabels.join(', ') : t('overview.noRoles')}</dd>
        </div>
      </dl>
    </div>
  );
}
