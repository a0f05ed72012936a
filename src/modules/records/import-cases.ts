// `skjold import cases`: cases of external systems (ESDH, fagsystemer) as JSON Lines, upserted by `${system}:${id}`.
// The citizen, the responsible unit and the assigned user must already be registered (import citizens and employees first).
import { sql, type Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../db/index.ts';
import { isKleFormat, kleTitle } from '../reference/index.ts';
import { WORKSPACE_SYSTEM } from './context.ts';
import {
  chunked,
  countUpserts,
  cprField,
  dateField,
  ensureMunicipality,
  identifier,
  isoDay,
  numberedLines,
  required,
  text,
  validateLine,
  type ImportOptions,
  type ImportRejection,
  type ImportSummary,
} from './import.ts';

/** One line of a cases file. */
export const caseLineSchema = z.object(
  {
    id: identifier,
    system: z
      .string(required('a string'))
      .regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'must be 1–64 lower-case letters, digits, dots, dashes or underscores')
      .refine((v) => v !== WORKSPACE_SYSTEM, `must name the external system (${WORKSPACE_SYSTEM} is Skjold's own workspace)`),
    caseNumber: text(100).optional(),
    citizenCpr: cprField,
    kle: z
      .string(required('a KLE number'))
      .refine(isKleFormat, 'must be a KLE number NN, NN.NN or NN.NN.NN')
      .refine((v) => !isKleFormat(v) || kleTitle(v) !== undefined, 'is not a known KLE main group'),
    facet: z.string(required('a string')).regex(/^[A-Z]\d{2}$/, 'must be a KLE facet such as G01').optional(),
    title: text(300),
    status: z.enum(['open', 'closed'], { error: 'must be open or closed' }),
    authority: text(100).optional(),
    responsibleUnitId: identifier,
    assignedUsername: z.string(required('a string')).min(1, 'must not be empty').max(64, 'must be at most 64 characters').transform((v) => v.toLowerCase()).optional(),
    openedOn: dateField,
    closedOn: dateField.optional(),
  },
  required('a JSON object'),
);
export type CaseLine = z.output<typeof caseLineSchema>;

/** The stored id of an external case: the system and its own id, so ids of two systems never collide. */
export function externalCaseId(system: string, id: string): string {
  return `${system}:${id}`;
}

/** Imports a cases file (JSON Lines text) into the municipality. */
export async function importCases(db: Kysely<Database>, body: string, options: ImportOptions): Promise<ImportSummary> {
  const code = options.municipality;
  const today = isoDay(options.now ?? new Date());
  const rejected: ImportRejection[] = [];
  const valid: { line: number; c: CaseLine; key: string }[] = [];
  const seen = new Map<string, number>();
  for (const { line, text: raw } of numberedLines(body)) {
    const result = validateLine(caseLineSchema, raw);
    if (!result.ok) {
      rejected.push({ line, reason: result.reason });
      continue;
    }
    const c = result.value;
    const key = externalCaseId(c.system, c.id);
    const reason =
      seen.has(key) ? `id: the same case of this system is already on line ${seen.get(key)}`
      : c.openedOn > today ? 'openedOn: lies in the future'
      : c.closedOn !== undefined && c.closedOn > today ? 'closedOn: lies in the future'
      : c.closedOn !== undefined && c.closedOn < c.openedOn ? 'closedOn: lies before openedOn'
      : c.status === 'open' && c.closedOn !== undefined ? 'closedOn: an open case has no closing date'
      : undefined;
    if (reason) {
      rejected.push({ line, reason });
      continue;
    }
    seen.set(key, line);
    valid.push({ line, c, key });
  }

  await ensureMunicipality(db, code);
  let inserted = 0;
  let updated = 0;
  for (const chunk of chunked(valid)) {
    const result = await db.transaction().execute(async (trx) => {
      // References in the database, looked up for the whole chunk at once.
      const cprs = [...new Set(chunk.map((v) => v.c.citizenCpr))];
      const unitIds = [...new Set(chunk.map((v) => v.c.responsibleUnitId))];
      const usernames = [...new Set(chunk.flatMap((v) => (v.c.assignedUsername ? [v.c.assignedUsername] : [])))];
      const citizens = new Set((await trx.selectFrom('citizen').select('cpr').where('municipality', '=', code).where('cpr', 'in', cprs).execute()).map((r) => r.cpr));
      const units = new Set((await trx.selectFrom('org_unit').select('id').where('municipality', '=', code).where('id', 'in', unitIds).execute()).map((r) => r.id));
      const employees = new Map<string, string>();
      if (usernames.length > 0) {
        for (const r of await trx.selectFrom('employee').select(['id', 'username']).where('municipality', '=', code).where('username', 'in', usernames).execute()) {
          employees.set(r.username, r.id);
        }
      }
      const rows = [];
      for (const { line, c, key } of chunk) {
        const reason =
          !citizens.has(c.citizenCpr) ? 'citizenCpr: is not a citizen registered in the municipality (import citizens first)'
          : !units.has(c.responsibleUnitId) ? 'responsibleUnitId: is not a known unit (import employees first)'
          : c.assignedUsername !== undefined && !employees.has(c.assignedUsername) ? 'assignedUsername: is not a known employee'
          : undefined;
        if (reason) {
          rejected.push({ line, reason });
          continue;
        }
        rows.push({
          municipality: code,
          id: key,
          case_number: c.caseNumber ?? c.id,
          citizen_cpr: c.citizenCpr,
          kle: c.kle,
          facet: c.facet ?? 'G01',
          title: c.title,
          status: c.status,
          authority: c.authority ?? 'municipality',
          system: c.system,
          responsible_unit_id: c.responsibleUnitId,
          assigned_employee_id: c.assignedUsername !== undefined ? employees.get(c.assignedUsername)! : null,
          opened_on: c.openedOn,
          closed_on: c.closedOn ?? null,
        });
      }
      if (rows.length === 0) return [];
      return trx
        .insertInto('citizen_case')
        .values(rows)
        .onConflict((oc) =>
          oc.columns(['municipality', 'id']).doUpdateSet((eb) => ({
            case_number: eb.ref('excluded.case_number'),
            citizen_cpr: eb.ref('excluded.citizen_cpr'),
            kle: eb.ref('excluded.kle'),
            facet: eb.ref('excluded.facet'),
            title: eb.ref('excluded.title'),
            status: eb.ref('excluded.status'),
            authority: eb.ref('excluded.authority'),
            system: eb.ref('excluded.system'),
            responsible_unit_id: eb.ref('excluded.responsible_unit_id'),
            assigned_employee_id: eb.ref('excluded.assigned_employee_id'),
            opened_on: eb.ref('excluded.opened_on'),
            closed_on: eb.ref('excluded.closed_on'),
          })),
        )
        .returning(sql<boolean>`(xmax = 0)`.as('inserted'))
        .execute();
    });
    const n = countUpserts(result);
    inserted += n.inserted;
    updated += n.updated;
  }
  rejected.sort((a, b) => a.line - b.line);
  return { kind: 'cases', inserted, updated, rejected, notes: [] };
}
