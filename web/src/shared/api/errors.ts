// Turns an API failure into text a user can act on.
import type { Translate } from '../i18n/index.tsx';
import { ApiError, NETWORK_ERROR_STATUS } from './client.ts';

/** A user-facing message for an error: the server's own message for client errors, a calm generic text otherwise. */
export function errorMessage(error: unknown, t: Translate): string {
  if (!(error instanceof ApiError)) return t('errors.generic');
  if (error.status === NETWORK_ERROR_STATUS) return t('errors.network');
  if (error.status === 404 || error.status === 405 || error.status === 501 || error.status === 503) return t('errors.unavailable');
  if (error.status >= 500) return t('errors.generic');
  return error.message || t('errors.generic');
}
