// "Brugere og adgang": users with lock and MFA state, password reset, locks, and the login policy (AUTH-2..6).
import { isApiError } from '../../../shared/api/client.ts';
import { useT } from '../../../shared/i18n/index.tsx';
import { AccessDenied } from '../../../shared/ui/components.tsx';
import { useLocks } from '../api/locks.ts';
import { AuthPolicySection } from './AuthPolicySection.tsx';
import { LocksSection } from './LocksSection.tsx';
import { UsersSection } from './UsersSection.tsx';

/** The administrators' page for the roles it-admin and security; the server decides access (403 → polite refusal). */
export function AdminPage() {
  const t = useT();
  const locks = useLocks();
  if (isApiError(locks.error, 403)) return <AccessDenied />;
  return (
    <div className="page">
      <h1>{t('admin.title')}</h1>
      <p className="lead">{t('admin.intro')}</p>
      <nav className="page-toc" aria-label={t('admin.toc')}>
        <ul>
          <li>
            <a href="#brugere">{t('admin.users.title')}</a>
          </li>
          <li>
            <a href="#spaerringer">{t('admin.locks.title')}</a>
          </li>
          <li>
            <a href="#login-politik">{t('admin.policy.title')}</a>
          </li>
        </ul>
      </nav>
      <UsersSection />
      <LocksSection />
      <AuthPolicySection />
    </div>
  );
}
