// `skjold log …` and `skjold systems …`: ingest a JSON Lines file, verify the chain, write a checkpoint, apply
// retention, and register sending systems. Thin over modules/audit.
import { createReadStream, existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { withDatabase } from './database.ts';
import {
  accessLogMaintenance,
  accessLogMunicipalities,
  findSystem,
  ingestBatch,
  parseJsonLines,
  registerSystem,
  SystemRegistrationError,
  verifyAccessLog,
  writeCheckpoint,
  type Rejection,
} from '../modules/audit/index.ts';
import { loadSecretKey } from '../modules/identity/index.ts';

const FILE_BATCH = 1_000;

// The embedded database resets process.exitCode when it closes; the exit status is set again after withDatabase.
let exitStatus = 0;
function failWith(status: number): void {
  exitStatus = Math.max(exitStatus, status);
}
async function run(fn: Parameters<typeof withDatabase>[0]): Promise<void> {
  await withDatabase(fn);
  if (exitStatus) process.exitCode = exitStatus;
}
const SHOWN_REJECTIONS = 50;

/** Registers `skjold log ingest|verify|checkpoint|retention` and `skjold systems register` on the program. */
export function registerLogCommands(program: Command): void {
  const log = program.command('log').description('the access log: ingest, verify, checkpoints, retention');

  log
    .command('ingest')
    .description('ingest a JSON Lines file of access-log records from a registered system (same validation as the API)')
    .argument('<file>', 'JSON Lines file, one record per line')
    .requiredOption('--system <key>', 'the registered key of the sending system')
    .action(async function (this: Command, file: string, opts: { system: string }) {
      if (!existsSync(file)) this.error(`skjold log ingest: filen findes ikke: ${file}`, { exitCode: 2 });
      await run(async (db, config) => {
        const system = await findSystem(db.db, config.municipality, opts.system);
        if (!system) {
          process.stderr.write(`skjold log ingest: ukendt eller inaktivt system "${opts.system}" (registrér det med: skjold systems register ${opts.system} --name NAVN)\n`);
          failWith(2);
          return;
        }
        const deps = { db: db.db, secretKey: loadSecretKey(config.secretKey, config.dataDir), now: () => new Date() };
        const totals = { accepted: 0, duplicates: 0, rejected: [] as (Rejection & { line: number })[] };
        let lines: string[] = [];
        let lineNumbers: number[] = [];
        let lineNo = 0;
        const flush = async () => {
          if (lines.length === 0) return;
          const items = parseJsonLines(lines.join('\n'));
          const summary = await ingestBatch(deps, { municipality: config.municipality, key: system.key }, items);
          totals.accepted += summary.accepted;
          totals.duplicates += summary.duplicates;
          for (const r of summary.rejected) totals.rejected.push({ ...r, line: lineNumbers[r.index]! });
          lines = [];
          lineNumbers = [];
        };
        for await (const line of createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity })) {
          lineNo++;
          if (!line.trim()) continue;
          lines.push(line);
          lineNumbers.push(lineNo);
          if (lines.length >= FILE_BATCH) await flush();
        }
        await flush();
        process.stdout.write(`Indlæst fra ${system.key}: ${totals.accepted} nye, ${totals.duplicates} dubletter, ${totals.rejected.length} afvist.\n`);
        for (const r of totals.rejected.slice(0, SHOWN_REJECTIONS)) process.stdout.write(`  linje ${r.line}${r.id ? ` (id ${r.id})` : ''}: ${r.reason}\n`);
        if (totals.rejected.length > SHOWN_REJECTIONS) process.stdout.write(`  … og ${totals.rejected.length - SHOWN_REJECTIONS} flere afviste linjer\n`);
        process.stdout.write(`ingest: accepted ${totals.accepted}, duplicates ${totals.duplicates}, rejected ${totals.rejected.length}\n`);
        if (totals.rejected.length > 0) failWith(1);
      });
    });

  log
    .command('verify')
    .description('recompute the hash chain and signed checkpoints; exit 1 naming the first broken record')
    .option('--all', 'every municipality in the database, not only SKJOLD_MUNICIPALITY')
    .action(async (opts: { all?: boolean }) => {
      await run(async (db, config) => {
        const key = loadSecretKey(config.secretKey, config.dataDir);
        const targets = opts.all ? await accessLogMunicipalities(db.db) : [config.municipality];
        for (const municipality of targets) {
          const result = await verifyAccessLog(db.db, municipality, key);
          if (result.ok) {
            process.stdout.write(`Adgangsloggen for ${municipality} er intakt: ${result.records} poster, ${result.checkpoints} checkpoints (seneste seq ${result.lastSeq}).\n`);
          } else {
            const where = [result.firstBrokenSeq !== undefined ? `første brudte post: seq ${result.firstBrokenSeq}` : '', result.brokenCheckpoint !== undefined ? `brudt checkpoint: ${result.brokenCheckpoint}` : ''].filter(Boolean).join('; ');
            process.stdout.write(`Adgangsloggen for ${municipality} er BRUDT — ${where} (${result.reason}).\n`);
            failWith(1);
          }
        }
      });
    });

  log
    .command('checkpoint')
    .description('write a signed checkpoint of the chain head now')
    .action(async () => {
      await run(async (db, config) => {
        const written = await writeCheckpoint(db.db, config.municipality, loadSecretKey(config.secretKey, config.dataDir), { kind: 'manual' });
        process.stdout.write(written ? `Checkpoint ${written.id} skrevet ved seq ${written.seq}.\n` : 'Adgangsloggen er tom; intet checkpoint skrevet.\n');
      });
    });

  log
    .command('retention')
    .description('create upcoming partitions and drop monthly partitions older than the retention (run as the table owner)')
    .action(async () => {
      await run(async (db, config) => {
        const result = await accessLogMaintenance({ db: db.db, secretKey: loadSecretKey(config.secretKey, config.dataDir), now: () => new Date() });
        if (result.dropped.length === 0) process.stdout.write('Ingen partitioner er udløbet.\n');
        for (const d of result.dropped) process.stdout.write(`Slettet ${d.partition} (${d.ranges.map((r) => `${r.municipality}: seq ${r.fromSeq}–${r.toSeq}`).join(', ') || 'tom'}).\n`);
      });
    });

  const systems = program.command('systems').description('systems that send access-log records');
  systems
    .command('register')
    .description('register a sending system and print its credential (shown only this once)')
    .argument('<key>', 'the system key the records carry in "system", e.g. sbsys')
    .requiredOption('--name <name>', 'the system name shown in searches, e.g. "SBSYS"')
    .action(async (key: string, opts: { name: string }) => {
      await run(async (db, config) => {
        try {
          const { system, credential } = await registerSystem(db.db, config.municipality, key, opts.name);
          process.stdout.write(`System ${system.key} (${system.name}) er registreret for kommune ${system.municipality}.\n`);
          process.stdout.write(`Adgangsnøgle (vises kun nu; send som "Authorization: Bearer …"):\n${credential}\n`);
        } catch (error) {
          if (!(error instanceof SystemRegistrationError)) throw error;
          process.stderr.write(`skjold systems register: ${error.message}\n`);
          failWith(2);
        }
      });
    });
}
