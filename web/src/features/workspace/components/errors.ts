// Workspace-specific wording of API failures: refusals in the user's language, everything else as the shared texts.
import { ApiError } from '../../../shared/api/client.ts';
import { errorMessage } from '../../../shared/api/errors.ts';
import type { Translate } from '../../../shared/i18n/index.tsx';

/** A user-facing message for a workspace failure; 404s are worded by the caller (case vs. citizen). */
export function workspaceErrorMessage(error: unknown, t: Translate): string {
  if (error instanceof ApiError) {
    if (error.status === 403 && error.code === 'no_search_right') return t('workspace.error.noSearchRight');
    if (error.status === 403) return t('workspace.error.forbidden');
    if (error.status === 400 && error.code === 'invalid_input') return t('workspace.error.invalidInput');
    if (error.status === 404) return t('workspace.error.notFound');
  }
  return errorMessage(error, t);
}
