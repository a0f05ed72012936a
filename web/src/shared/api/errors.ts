// Turns an API failure into text a user can act on.
import type { Translate } from '../i18n/index.tsx';
import { ApiError, NETWORK_ERROR_STATUS, type FieldError } from './client.ts';

/** A user-facing message for an error: the server's own message for client errors, a calm generic text otherwise. */
export function errorMessage(error: unknown, t: Translate): string {
  if (!(error instanceof ApiError)) return t('errors.generic');
  if (error.status === NETWORK_ERROR_STATUS) return t('errors.network');
  if (error.status === 404 || error.status === 405 || error.status === 501 || error.status === 503) return t('errors.unavailable');
  if (error.status >= 500) return t('errors.generic');
  return error.message || t('errors.generic');
}

/** The server's field errors for one request field: "identityCheck" matches "body.identityCheck" and "body.identityCheck.0". */
export function fieldErrors(error: unknown, field: string): FieldError[] {
  if (!(error instanceof ApiError)) return [];
  return error.fields.filter((f) => {
    const parts = f.field.split('.');
    return parts.includes(field);
  });
}

/** The first server reason for a field, or undefined. */
export function fieldError(error: unknown, field: string): string | undefined {
  return fieldErrors(error, field)[0]?.reason;
}
