// `skjold import citizens|employees|cases FILE.jsonl`: reference data for the configured municipality.
// Rejected lines are printed with line number and reason only; a CPR number is never printed.
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { withDatabase } from '../../cli/database.ts';
import { IMPORT_KINDS, ImportUsageError, isImportKind } from './import.ts';
import { importFile, importSummaryLine } from './import-run.ts';

const SHOWN_REJECTIONS = 100;

/** Registers `skjold import <kind> <file>` on the program. */
export function registerImportCommand(program: Command): void {
  program
    .command('import')
    .description(`import reference data for the configured municipality from a JSON Lines file (${IMPORT_KINDS.join(', ')}); see docs/import-formats.md`)
    .argument('<kind>', IMPORT_KINDS.join(' | '))
    .argument('<file>', 'JSON Lines file, one record per line')
    .action(async function (this: Command, kind: string, file: string) {
      const fail = (message: string): never => this.error(`skjold import: ${message}`, { exitCode: 2, code: 'skjold.import.invalidArgument' });
      if (!isImportKind(kind)) fail(`ukendt slags "${kind}": brug ${IMPORT_KINDS.join(', ')}`);
      if (!existsSync(file)) fail(`filen findes ikke: ${file}`);
      // The embedded database resets process.exitCode when it closes; the status is set again afterwards.
      let status = 0;
      await withDatabase(async (db, config) => {
        try {
          const summary = await importFile(db.db, kind, file, { municipality: config.municipality });
          for (const r of summary.rejected.slice(0, SHOWN_REJECTIONS)) process.stderr.write(`  linje ${r.line}: ${r.reason}\n`);
          if (summary.rejected.length > SHOWN_REJECTIONS) process.stderr.write(`  … og ${summary.rejected.length - SHOWN_REJECTIONS} flere afviste linjer\n`);
          for (const note of summary.notes) process.stdout.write(`  ${note}\n`);
          process.stdout.write(`Import af ${kind} til ${config.municipality}: ${importSummaryLine(summary)}\n`);
          if (summary.rejected.length > 0) status = 1;
        } catch (error) {
          if (error instanceof ImportUsageError) {
            process.stderr.write(`skjold import: ${error.message}\n`);
            status = 2;
            return;
          }
          throw error;
        }
      });
      if (status) process.exitCode = status;
    });
}
