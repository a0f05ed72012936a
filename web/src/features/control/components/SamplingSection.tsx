// "Stikprøver" (security staff): the schedule with its next random date, the drawn samples, and drawing one now.
import { useState, type FormEvent } from 'react';
import { useI18n } from '../../../shared/i18n/index.tsx';
import { formatDate, formatDateTime } from '../../../shared/i18n/datetime.ts';
import { Alert, Button, Loading, TextField } from '../../../shared/ui/components.tsx';
import { useDrawSample, useSamples, useSchedule } from '../api/sampling.ts';
import type { SampleTargets } from '../api/types.ts';
import { ListError, Refusal } from './Refusal.tsx';

function targetsText(targets: SampleTargets, all: string): string {
  return targets.kind === 'all' ? all : targets.ids.join(', ');
}

/** The sampling section. */
export function SamplingSection() {
  const { t, language } = useI18n();
  const schedule = useSchedule(true);
  const samples = useSamples(true);
  const draw = useDrawSample();
  const [unit, setUnit] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setDone(null);
    const ids = unit
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    draw.mutate(ids.length > 0 ? { targets: { kind: 'units', ids } } : {}, {
      onSuccess: (sample) => setDone(t('control.sampling.drawn', { count: String(sample.selection.length) })),
    });
  };
  const s = schedule.data;
  const rows = samples.data?.samples ?? [];
  return (
    <section className="section card" aria-labelledby="stikproever" data-testid="sampling">
      <h2 id="stikproever" tabIndex={-1}>
        {t('control.sampling.title')}
      </h2>
      <p className="muted">{t('control.sampling.intro')}</p>
      {schedule.isPending && <Loading label={t('app.loading')} />}
      {schedule.isError && <ListError error={schedule.error} />}
      {s && (
        <dl className="facts" data-testid="sampling-schedule">
          <div>
            <dt>{t('control.sampling.status')}</dt>
            <dd>{!s.configured ? t('control.sampling.notConfigured') : s.enabled ? t('control.sampling.enabled') : t('control.sampling.disabled')}</dd>
          </div>
          <div>
            <dt>{t('control.sampling.next')}</dt>
            <dd>{s.nextSampleDate ? formatDate(s.nextSampleDate, language) : '—'}</dd>
          </div>
          <div>
            <dt>{t('control.sampling.last')}</dt>
            <dd>{s.lastSampleDate ? formatDate(s.lastSampleDate, language) : '—'}</dd>
          </div>
          <div>
            <dt>{t('control.sampling.interval')}</dt>
            <dd>{t('control.sampling.intervalDays', { min: String(s.minIntervalDays), max: String(s.maxIntervalDays) })}</dd>
          </div>
          <div>
            <dt>{t('control.sampling.targets')}</dt>
            <dd>
              {targetsText(s.targets, t('control.sampling.all'))} · {t('control.sampling.perSample', { count: String(s.employeesPerSample) })}
            </dd>
          </div>
        </dl>
      )}
      <form onSubmit={submit} noValidate className="control-form" aria-labelledby="draw-now">
        <h3 id="draw-now">{t('control.sampling.drawNow')}</h3>
        {done && <Alert tone="info">{done}</Alert>}
        {draw.isError && <Refusal error={draw.error} />}
        <TextField label={t('control.sampling.unit')} help={t('control.sampling.unitHelp')} name="unit" value={unit} maxLength={500} onChange={(e) => setUnit(e.target.value)} />
        <div className="dialog-actions">
          <Button type="submit" disabled={draw.isPending}>
            {t('control.sampling.submit')}
          </Button>
        </div>
      </form>
      <h3>{t('control.sampling.drawnTitle')}</h3>
      {samples.isError && <ListError error={samples.error} />}
      {samples.data && rows.length === 0 && <p className="result-count">{t('control.sampling.none')}</p>}
      {rows.length > 0 && (
        <div className="table-wrap">
          <table className="data-table">
            <caption className="visually-hidden">{t('control.sampling.drawnTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('control.sampling.col.drawn')}</th>
                <th scope="col">{t('control.sampling.col.date')}</th>
                <th scope="col">{t('control.sampling.targets')}</th>
                <th scope="col">{t('control.sampling.col.selection')}</th>
                <th scope="col">{t('control.sampling.col.seed')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((sample) => (
                <tr key={sample.id} data-testid="sample-row">
                  <td>
                    <span className="cell-primary">{formatDateTime(sample.drawnAt, language, { seconds: false })}</span>
                    <span className="cell-secondary">
                      {sample.trigger === 'manual' ? t('control.sampling.manual') : t('control.sampling.scheduled')} · {sample.drawnBy}
                    </span>
                  </td>
                  <td>{formatDate(sample.sampleDate, language)}</td>
                  <td>{targetsText(sample.targets, t('control.sampling.all'))}</td>
                  <td>
                    {sample.selection.map((sel) => (
                      <span key={sel.caseId} className="cell-secondary">
                        <code>{sel.userId}</code> · {t('control.sampling.lookups', { count: String(sel.records.length) })}
                      </span>
                    ))}
                  </td>
                  <td>
                    <code className="cell-secondary">{sample.seed.slice(0, 12)}…</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
