// "Anmod om adgang": a manager (or security staff) requests a right with a justification; an authorizer decides.
import { useMemo, useState, type FormEvent } from 'react';
import { isApiError } from '../../../shared/api/client.ts';
import { errorMessage, fieldError } from '../../../shared/api/errors.ts';
import { useI18n, type MessageKey } from '../../../shared/i18n/index.tsx';
import { addDays, copenhagenEndOfDayIso, copenhagenToday } from '../../../shared/i18n/datetime.ts';
import { Alert, Button, SelectField, TextAreaField, TextField } from '../../../shared/ui/components.tsx';
import { useGrants, useRequestGrant } from '../api/grants.ts';
import type { GranteeKind, GrantLevel } from '../api/types.ts';
import { authorities } from './labels.ts';

/** Longest a time-limited (substitute) right may run, in days (the server's rule, ACC-10). */
export const MAX_TEMPORARY_DAYS = 180;

/** Shortest justification the server accepts. */
const MIN_JUSTIFICATION = 10;

/** The roles a right can be granted to (the server's role vocabulary). */
const grantableRoles = ['employee', 'manager', 'authorizer', 'security', 'it-admin', 'system-owner', 'dpo'] as const;

const levels: readonly { value: GrantLevel; label: MessageKey; help: MessageKey }[] = [
  { value: 'existence', label: 'access.level.existence', help: 'access.level.existenceHelp' },
  { value: 'content', label: 'access.level.content', help: 'access.level.contentHelp' },
];

const rights: readonly { field: 'canSearch' | 'canEnter' | 'canDelete'; label: MessageKey; help: MessageKey }[] = [
  { field: 'canSearch', label: 'access.right.search', help: 'access.right.searchHelp' },
  { field: 'canEnter', label: 'access.right.enter', help: 'access.right.enterHelp' },
  { field: 'canDelete', label: 'access.right.delete', help: 'access.right.deleteHelp' },
];

/** The form's values as typed. */
interface Draft {
  granteeKind: GranteeKind;
  granteeId: string;
  scope: string;
  authority: string;
  level: GrantLevel;
  canSearch: boolean;
  canEnter: boolean;
  canDelete: boolean;
  justification: string;
  validUntil: string;
}

const emptyDraft: Draft = {
  granteeKind: 'unit',
  granteeId: '',
  scope: '',
  authority: 'municipality',
  level: 'existence',
  canSearch: false,
  canEnter: false,
  canDelete: false,
  justification: '',
  validUntil: '',
};

/** The last day a time-limited right may include: today counts as day 1 of at most 180. */
function lastAllowedDay(today: string): string {
  return addDays(today, MAX_TEMPORARY_DAYS - 1);
}

type LocalErrors = Partial<Record<'granteeId' | 'scope' | 'justification' | 'validUntil', MessageKey>>;

function localErrors(draft: Draft, today: string): LocalErrors {
  const errors: LocalErrors = {};
  if (draft.granteeId.trim() === '') errors.granteeId = 'access.request.granteeMissing';
  if (draft.scope.trim() === '') errors.scope = 'access.request.scopeMissing';
  if (draft.justification.trim().length < MIN_JUSTIFICATION) errors.justification = 'access.request.justificationShort';
  if (draft.validUntil !== '' && (draft.validUntil < today || draft.validUntil > lastAllowedDay(today))) errors.validUntil = 'access.request.validUntilRange';
  return errors;
}

/** The request form. */
export function RequestSection() {
  const { t } = useI18n();
  const request = useRequestGrant();
  const inForce = useGrants('in-force');
  const today = copenhagenToday();
  const [draft, setDraft] = useState<Draft>(emptyDraft);
  const [errors, setErrors] = useState<LocalErrors>({});
  const [sent, setSent] = useState(false);

  // No endpoint lists the organisation's units: suggest the units that already hold rights, any unit id is accepted.
  const knownUnits = useMemo(() => {
    const units = new Map<string, string>();
    for (const g of inForce.data?.grants ?? []) if (g.grantee.kind === 'unit') units.set(g.grantee.id, g.grantee.name);
    return [...units].sort((a, b) => a[1].localeCompare(b[1], 'da'));
  }, [inForce.data]);

  const change = (patch: Partial<Draft>) => {
    setSent(false);
    setDraft((d) => ({ ...d, ...patch }));
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSent(false);
    const found = localErrors(draft, today);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      request.reset();
      return;
    }
    const validUntil = draft.validUntil === '' ? null : (copenhagenEndOfDayIso(draft.validUntil) ?? null);
    request.mutate(
      {
        granteeKind: draft.granteeKind,
        granteeId: draft.granteeId.trim(),
        scope: draft.scope.trim(),
        authority: draft.authority,
        level: draft.level,
        canSearch: draft.canSearch,
        canEnter: draft.canEnter,
        canDelete: draft.canDelete,
        justification: draft.justification.trim(),
        validUntil,
      },
      {
        onSuccess: () => {
          setDraft(emptyDraft);
          setSent(true);
        },
      },
    );
  };

  const serverField = (field: string) => fieldError(request.error, field);
  const fieldMessage = (field: keyof LocalErrors) => {
    const local = errors[field];
    return local ? t(local, { min: MIN_JUSTIFICATION, max: MAX_TEMPORARY_DAYS }) : serverField(field);
  };
  const hasFieldErrors = isApiError(request.error) && request.error.fields.length > 0;
  const otherFieldErrors = isApiError(request.error)
    ? request.error.fields.filter((f) => !['granteeId', 'scope', 'justification', 'validUntil'].some((name) => f.field.split('.').includes(name)))
    : [];
  const granteeHelp = draft.granteeKind === 'unit' ? 'access.request.granteeUnitHelp' : draft.granteeKind === 'user' ? 'access.request.granteeUserHelp' : 'access.request.granteeRoleHelp';

  return (
    <section className="section card" aria-labelledby="anmod-om-adgang" data-testid="request-section">
      <h2 id="anmod-om-adgang" tabIndex={-1}>
        {t('access.request.title')}
      </h2>
      <p className="muted">{t('access.request.intro')}</p>
      <form onSubmit={submit} noValidate>
        {sent && <Alert tone="info">{t('access.request.sent')}</Alert>}
        {request.isError && (
          <Alert tone="error" title={hasFieldErrors ? t('access.request.invalid') : undefined}>
            {hasFieldErrors ? (
              otherFieldErrors.length > 0 ? (
                <ul className="error-list">
                  {otherFieldErrors.map((f) => (
                    <li key={f.field}>
                      {f.field}: {f.reason}
                    </li>
                  ))}
                </ul>
              ) : (
                t('access.request.invalidBelow')
              )
            ) : (
              errorMessage(request.error, t)
            )}
          </Alert>
        )}
        <div className="field-row">
          <SelectField
            label={t('access.request.granteeKind')}
            name="granteeKind"
            value={draft.granteeKind}
            options={[
              { value: 'unit', label: t('access.kind.unit') },
              { value: 'user', label: t('access.kind.user') },
              { value: 'role', label: t('access.kind.role') },
            ]}
            onChange={(e) => change({ granteeKind: e.target.value as GranteeKind, granteeId: '' })}
          />
          {draft.granteeKind === 'role' ? (
            <SelectField
              label={t('access.request.granteeRole')}
              help={t(granteeHelp)}
              name="granteeId"
              value={draft.granteeId}
              error={fieldMessage('granteeId')}
              options={[{ value: '', label: t('access.request.chooseRole') }, ...grantableRoles.map((role) => ({ value: role, label: t(`role.${role}`) }))]}
              onChange={(e) => change({ granteeId: e.target.value })}
            />
          ) : (
            <TextField
              label={draft.granteeKind === 'unit' ? t('access.request.granteeUnit') : t('access.request.granteeUser')}
              help={t(granteeHelp)}
              name="granteeId"
              autoComplete="off"
              spellCheck={false}
              maxLength={100}
              list={draft.granteeKind === 'unit' ? 'known-units' : undefined}
              value={draft.granteeId}
              error={fieldMessage('granteeId')}
              onChange={(e) => change({ granteeId: e.target.value })}
            />
          )}
        </div>
        <datalist id="known-units">
          {knownUnits.map(([id, name]) => (
            <option key={id} value={id}>
              {name}
            </option>
          ))}
        </datalist>
        <div className="field-row">
          <TextField
            label={t('access.request.scope')}
            help={t('access.request.scopeHelp')}
            name="scope"
            className="mono"
            autoComplete="off"
            spellCheck={false}
            maxLength={8}
            value={draft.scope}
            error={fieldMessage('scope')}
            onChange={(e) => change({ scope: e.target.value })}
          />
          <SelectField
            label={t('access.request.authority')}
            help={t('access.request.authorityHelp')}
            name="authority"
            value={draft.authority}
            error={serverField('authority')}
            options={authorities.map((a) => ({ value: a.value, label: t(a.label) }))}
            onChange={(e) => change({ authority: e.target.value })}
          />
        </div>

        <fieldset className="choice-group">
          <legend>{t('access.request.level')}</legend>
          {levels.map((option) => (
            <div className="choice" key={option.value}>
              <input
                type="radio"
                id={`level-${option.value}`}
                name="level"
                value={option.value}
                checked={draft.level === option.value}
                aria-describedby={`level-${option.value}-help`}
                onChange={() => change({ level: option.value })}
              />
              <div>
                <label htmlFor={`level-${option.value}`}>{t(option.label)}</label>
                <p id={`level-${option.value}-help`} className="field-help">
                  {t(option.help)}
                </p>
              </div>
            </div>
          ))}
        </fieldset>

        <fieldset className="choice-group">
          <legend>{t('access.request.rights')}</legend>
          <div className="choice-row">
            {rights.map((right) => (
              <div className="choice" key={right.field}>
                <input type="checkbox" id={`right-${right.field}`} checked={draft[right.field]} aria-describedby={`right-${right.field}-help`} onChange={(e) => change({ [right.field]: e.target.checked })} />
                <div>
                  <label htmlFor={`right-${right.field}`}>{t(right.label)}</label>
                  <p id={`right-${right.field}-help`} className="field-help">
                    {t(right.help)}
                  </p>
                </div>
              </div>
            ))}
          </div>
        </fieldset>

        <TextAreaField
          label={t('access.request.justification')}
          help={t('access.request.justificationHelp', { min: MIN_JUSTIFICATION })}
          name="justification"
          maxLength={2000}
          value={draft.justification}
          error={fieldMessage('justification')}
          onChange={(e) => change({ justification: e.target.value })}
        />
        <div className="field-row">
          <TextField
            label={t('access.request.validUntil')}
            help={t('access.request.validUntilHelp', { max: MAX_TEMPORARY_DAYS })}
            name="validUntil"
            type="date"
            min={today}
            max={lastAllowedDay(today)}
            value={draft.validUntil}
            error={fieldMessage('validUntil')}
            onChange={(e) => change({ validUntil: e.target.value })}
          />
        </div>
        <Alert tone="info">{draft.authority !== 'municipality' ? t('access.request.secondNeeded') : t('access.request.secondHint')}</Alert>
        <div className="form-actions">
          <Button type="submit" disabled={request.isPending}>
            {request.isPending ? t('access.request.sending') : t('access.request.submit')}
          </Button>
          <Button
            variant="secondary"
            disabled={request.isPending}
            onClick={() => {
              setDraft(emptyDraft);
              setErrors({});
              setSent(false);
              request.reset();
            }}
          >
            {t('access.request.clear')}
          </Button>
        </div>
      </form>
    </section>
  );
}
