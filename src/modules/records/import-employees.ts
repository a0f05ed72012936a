// `skjold import employees`: an HR extract as JSON Lines, upserted by employee id. Units are created or renamed as
// needed; parent units and managers are set after the whole file, so a line may name a unit or manager further down.
import { sql, type Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../db/index.ts';
import { roles } from '../identity/roles.ts';
import {
  addressSchema,
  chunked,
  countUpserts,
  cprField,
  dateField,
  ensureMunicipality,
  identifier,
  numberedLines,
  required,
  text,
  validateLine,
  type ImportOptions,
  type ImportRejection,
  type ImportSummary,
} from './import.ts';

/** One line of an employees file. */
export const employeeLineSchema = z.object(
  {
    id: identifier,
    username: z
      .string(required('a string'))
      .regex(/^[A-Za-z0-9._@-]{1,64}$/, 'must be 1–64 letters, digits, dots, dashes, underscores or @')
      .transform((v) => v.toLowerCase()),
    fullName: text(200),
    cpr: cprField,
    unit: z.object({ id: identifier, name: text(200), parentId: identifier.optional() }, required('an object with id and name')),
    managerId: identifier.optional(),
    title: text(200),
    roles: z.array(z.enum(roles, { error: `is not a known role (one of ${roles.join(', ')})` }), required('an array of roles')).optional(),
    address: addressSchema,
    employedFrom: dateField,
    employedUntil: dateField.optional(),
  },
  required('a JSON object'),
);
export type EmployeeLine = z.output<typeof employeeLineSchema>;

/** Imports an employees file (JSON Lines text) into the municipality. */
export async function importEmployees(db: Kysely<Database>, body: string, options: ImportOptions): Promise<ImportSummary> {
  const code = options.municipality;
  const rejected: ImportRejection[] = [];
  let valid: { line: number; e: EmployeeLine }[] = [];
  const ids = new Map<string, number>();
  const usernames = new Map<string, number>();
  for (const { line, text: raw } of numberedLines(body)) {
    const result = validateLine(employeeLineSchema, raw);
    if (!result.ok) {
      rejected.push({ line, reason: result.reason });
      continue;
    }
    const e = result.value;
    const reason =
      ids.has(e.id) ? `id: the same employee is already on line ${ids.get(e.id)}`
      : usernames.has(e.username) ? `username: already used on line ${usernames.get(e.username)}`
      : e.managerId === e.id ? 'managerId: an employee cannot be their own manager'
      : e.unit.parentId === e.unit.id ? 'unit.parentId: a unit cannot be its own parent'
      : e.employedUntil !== undefined && e.employedUntil < e.employedFrom ? 'employedUntil: lies before employedFrom'
      : undefined;
    if (reason) {
      rejected.push({ line, reason });
      continue;
    }
    ids.set(e.id, line);
    usernames.set(e.username, line);
    valid.push({ line, e });
  }

  await ensureMunicipality(db, code);
  // What the database already holds: employee ids and usernames, and unit ids.
  const dbEmployees = new Map<string, string>(); // username -> id
  const dbIds = new Set<string>();
  for (const r of await db.selectFrom('employee').select(['id', 'username']).where('municipality', '=', code).execute()) {
    dbEmployees.set(r.username, r.id);
    dbIds.add(r.id);
  }
  const dbUnits = new Set((await db.selectFrom('org_unit').select('id').where('municipality', '=', code).execute()).map((r) => r.id));

  // References that depend on other lines: repeat until no further line falls away.
  for (let changed = true; changed; ) {
    changed = false;
    const fileIds = new Set(valid.map((v) => v.e.id));
    const fileUnits = new Set(valid.map((v) => v.e.unit.id));
    const keep: typeof valid = [];
    for (const v of valid) {
      const { e } = v;
      const owner = dbEmployees.get(e.username);
      const reason =
        owner !== undefined && owner !== e.id ? 'username: belongs to another employee'
        : e.managerId !== undefined && !fileIds.has(e.managerId) && !dbIds.has(e.managerId) ? 'managerId: is not a known employee (neither in the file nor registered)'
        : e.unit.parentId !== undefined && !fileUnits.has(e.unit.parentId) && !dbUnits.has(e.unit.parentId) ? 'unit.parentId: is not a known unit (neither in the file nor registered)'
        : undefined;
      if (reason) {
        rejected.push({ line: v.line, reason });
        changed = true;
      } else keep.push(v);
    }
    valid = keep;
  }
  rejected.sort((a, b) => a.line - b.line);

  // Units: the last name given wins; the parent is the last one given (none given leaves it as it is).
  const units = new Map<string, { name: string; parentId?: string }>();
  for (const { e } of valid) {
    const prev = units.get(e.unit.id);
    const parentId = e.unit.parentId ?? prev?.parentId;
    units.set(e.unit.id, { name: e.unit.name, ...(parentId !== undefined ? { parentId } : {}) });
  }

  let inserted = 0;
  let updated = 0;
  const unitsDone = new Set<string>();
  for (const chunk of chunked(valid)) {
    const chunkUnits = [...new Set(chunk.map((v) => v.e.unit.id))].filter((id) => !unitsDone.has(id));
    const result = await db.transaction().execute(async (trx) => {
      if (chunkUnits.length > 0) {
        await trx
          .insertInto('org_unit')
          .values(chunkUnits.map((id) => ({ municipality: code, id, name: units.get(id)!.name, parent_id: null })))
          .onConflict((oc) => oc.columns(['municipality', 'id']).doUpdateSet((eb) => ({ name: eb.ref('excluded.name') })))
          .execute();
      }
      return trx
        .insertInto('employee')
        .values(
          chunk.map(({ e }) => ({
            municipality: code,
            id: e.id,
            username: e.username,
            full_name: e.fullName,
            cpr: e.cpr,
            unit_id: e.unit.id,
            manager_id: null,
            title: e.title,
            // text[] as an array literal so pg and PGlite bind it alike; roles are plain words from a fixed list.
            roles: `{${[...new Set(e.roles ?? ['employee'])].join(',')}}` as unknown as string[],
            street: e.address.street,
            postcode: e.address.postcode,
            city: e.address.city,
            employed_from: e.employedFrom,
            employed_until: e.employedUntil ?? null,
          })),
        )
        .onConflict((oc) =>
          oc.columns(['municipality', 'id']).doUpdateSet((eb) => ({
            username: eb.ref('excluded.username'),
            full_name: eb.ref('excluded.full_name'),
            cpr: eb.ref('excluded.cpr'),
            unit_id: eb.ref('excluded.unit_id'),
            title: eb.ref('excluded.title'),
            roles: eb.ref('excluded.roles'),
            street: eb.ref('excluded.street'),
            postcode: eb.ref('excluded.postcode'),
            city: eb.ref('excluded.city'),
            employed_from: eb.ref('excluded.employed_from'),
            employed_until: eb.ref('excluded.employed_until'),
          })),
        )
        .returning(sql<boolean>`(xmax = 0)`.as('inserted'))
        .execute();
    });
    for (const id of chunkUnits) unitsDone.add(id);
    const n = countUpserts(result);
    inserted += n.inserted;
    updated += n.updated;
  }

  // After the whole file every unit and employee exists: set parent units and managers (as given; none = no manager).
  const parents = [...units].filter(([, u]) => u.parentId !== undefined);
  const managers = valid.map(({ e }) => ({ id: e.id, managerId: e.managerId ?? null }));
  for (const part of chunked(parents)) {
    await db.transaction().execute(async (trx) => {
      for (const [id, u] of part) {
        await trx.updateTable('org_unit').set({ parent_id: u.parentId! }).where('municipality', '=', code).where('id', '=', id).execute();
      }
    });
  }
  let managed = 0;
  for (const part of chunked(managers)) {
    await db.transaction().execute(async (trx) => {
      for (const m of part) {
        await trx.updateTable('employee').set({ manager_id: m.managerId }).where('municipality', '=', code).where('id', '=', m.id).execute();
      }
    });
    managed += part.filter((m) => m.managerId !== null).length;
  }
  return { kind: 'employees', inserted, updated, rejected, notes: [`${units.size} enheder oprettet eller opdateret`, `${managed} ledere sat`] };
}
