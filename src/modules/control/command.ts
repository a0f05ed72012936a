// `skjold alerts list` and `skjold rules dry-run|list`: thin commands over the control module.
import type { Command } from 'commander';
import { withDatabase } from '../../cli/database.ts';
import { ControlError } from './errors.ts';
import { listAlerts } from './alerts.ts';
import { dryRunRule, listRules } from './rule-admin.ts';

/** Registers `skjold alerts list --since DATE --format jsonl` and `skjold rules dry-run RULE --days N` / `skjold rules list`. */
export function registerControlCommands(program: Command): void {
  const alerts = program.command('alerts').description('alerts from the automated log monitoring');
  alerts
    .command('list')
    .description('list alerts created since a date: one JSON object per line (rule, user, covered log seqs, severity, status)')
    .option('--since <date>', 'ISO date or timestamp (default: 7 days ago)')
    .option('--format <format>', 'jsonl (the only format)', 'jsonl')
    .action(async function (this: Command, opts: { since?: string; format: string }) {
      if (opts.format !== 'jsonl') this.error('skjold alerts list: --format skal være jsonl', { exitCode: 2 });
      const since = opts.since === undefined ? new Date(Date.now() - 7 * 86_400_000) : new Date(opts.since);
      if (Number.isNaN(since.getTime())) this.error('skjold alerts list: --since skal være en dato (ÅÅÅÅ-MM-DD) eller et tidspunkt', { exitCode: 2 });
      await withDatabase(async (db, config) => {
        for (const a of await listAlerts(db.db, config.municipality, { since })) {
          process.stdout.write(`${JSON.stringify({ id: a.id, rule: a.rule, ruleVersion: a.ruleVersion, user: a.userId, logSeqs: a.logSeqs, severity: a.severity, status: a.status, reason: a.reason, createdAt: a.createdAt.toISOString(), controlCase: a.controlCaseId })}\n`);
        }
      });
    });

  const rules = program.command('rules').description('monitoring rules');
  rules
    .command('list')
    .description('list every rule version with its status')
    .action(async () => {
      await withDatabase(async (db, config) => {
        for (const r of await listRules({ db: db.db, municipality: config.municipality, now: () => new Date() })) {
          process.stdout.write(`${r.key}\tv${r.version}\t${r.status}\t${r.severity}\t${r.reason}\n`);
        }
      });
    });
  rules
    .command('dry-run')
    .description('show what a rule (its newest version) would have flagged over the last N days, without raising alerts')
    .argument('<rule>', 'the rule key, e.g. watchlist')
    .option('--days <n>', 'days back', '30')
    .action(async function (this: Command, key: string, opts: { days: string }) {
      const days = /^\d+$/.test(opts.days) ? Number(opts.days) : Number.NaN;
      if (!Number.isInteger(days) || days < 1 || days > 366) this.error('skjold rules dry-run: --days skal være et helt tal fra 1 til 366', { exitCode: 2 });
      await withDatabase(async (db, config) => {
        try {
          const r = await dryRunRule({ db: db.db, municipality: config.municipality, now: () => new Date() }, key, days);
          process.stdout.write(`${JSON.stringify({ rule: r.key, version: r.version, days: r.days, records: r.records, flagged: r.flagged, share: Number(r.share.toFixed(4)), criteriaShare: Number(r.criteriaShare.toFixed(4)), alerts: r.alerts.length })}\n`);
          for (const a of r.alerts) process.stdout.write(`${JSON.stringify({ user: a.userId, logSeqs: a.seqs })}\n`);
        } catch (error) {
          if (error instanceof ControlError) {
            process.stderr.write(`skjold rules dry-run: ${error.message}\n`);
            process.exitCode = error.code === 'not_found' ? 2 : 1;
            return;
          }
          throw error;
        }
      });
    });
}
