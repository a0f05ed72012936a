// Danish/English labels and badge tones for the control module's codes.
import type { Translate } from '../../../shared/i18n/index.tsx';
import type { ControlAlert, ControlCaseStatus } from '../api/types.ts';

/** The label of a case status (an unknown status is shown as is). */
export function statusLabel(status: string, t: Translate): string {
  switch (status) {
    case 'awaiting-explanation':
      return t('control.status.awaitingExplanation');
    case 'awaiting-review':
      return t('control.status.awaitingReview');
    case 'awaiting-security':
      return t('control.status.awaitingSecurity');
    case 'closed-explained':
      return t('control.status.closedExplained');
    case 'closed-misuse':
      return t('control.status.closedMisuse');
    case 'open':
      return t('control.status.open');
    default:
      return status;
  }
}

/** The badge tone of a case status. */
export function statusTone(status: ControlCaseStatus | string): 'neutral' | 'ok' | 'warning' | 'danger' {
  if (status === 'closed-explained') return 'ok';
  if (status === 'closed-misuse') return 'danger';
  if (status === 'awaiting-security') return 'warning';
  return 'neutral';
}

/** The label of a severity. */
export function severityLabel(severity: ControlAlert['severity'], t: Translate): string {
  return severity === 'high' ? t('control.severity.high') : severity === 'medium' ? t('control.severity.medium') : t('control.severity.low');
}

/** The badge tone of a severity. */
export function severityTone(severity: ControlAlert['severity']): 'neutral' | 'warning' | 'danger' {
  return severity === 'high' ? 'danger' : severity === 'medium' ? 'warning' : 'neutral';
}

const actionKeys = {
  view: 'control.action.view',
  search: 'control.action.search',
  create: 'control.action.create',
  update: 'control.action.update',
  delete: 'control.action.delete',
  print: 'control.action.print',
} as const;

/** The label of a logged action (view, search, …); an unknown action is shown as is. */
export function actionLabel(action: string, t: Translate): string {
  return action in actionKeys ? t(actionKeys[action as keyof typeof actionKeys]) : action;
}

/** The label of a case kind: alert or random sample. */
export function kindLabel(kind: 'alert' | 'sample', t: Translate): string {
  return kind === 'alert' ? t('control.kind.alert') : t('control.kind.sample');
}
