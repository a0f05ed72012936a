// A refusal from the server, shown with its own (Danish) message.
import { ApiError } from '../../../shared/api/client.ts';
import { errorMessage } from '../../../shared/api/errors.ts';
import { useT } from '../../../shared/i18n/index.tsx';
import { Alert } from '../../../shared/ui/components.tsx';

/** Shows why the server refused a step; the code is kept for tests. */
export function Refusal({ error }: { error: unknown }) {
  const t = useT();
  const code = error instanceof ApiError ? error.code : '';
  return (
    <Alert tone="error" title={t('control.refused')}>
      <span data-testid="refusal" data-code={code}>
        {errorMessage(error, t)}
      </span>
    </Alert>
  );
}

/** A section body for a failed list: polite for 403 (the server decides who may see it), the message otherwise. */
export function ListError({ error }: { error: unknown }) {
  const t = useT();
  if (error instanceof ApiError && error.status === 403) return <Alert tone="info">{t('control.forbidden')}</Alert>;
  return <Alert tone="error">{errorMessage(error, t)}</Alert>;
}
