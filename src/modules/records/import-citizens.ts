// `skjold import citizens`: a CPR register extract as JSON Lines, upserted by CPR number; relations stored both ways
// (as the demo generator does) once both persons are registered in the municipality.
import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../db/index.ts';
import { isMunicipalityCode } from '../reference/index.ts';
import {
  addressSchema,
  chunked,
  countUpserts,
  cprField,
  dateField,
  ensureMunicipality,
  isoDay,
  numberedLines,
  required,
  text,
  validateLine,
  type ImportOptions,
  type ImportRejection,
  type ImportSummary,
} from './import.ts';

type RelationKind = 'parent' | 'child' | 'spouse';
const INVERSE: Record<RelationKind, RelationKind> = { parent: 'child', child: 'parent', spouse: 'spouse' };

/** One line of a citizens file. */
export const citizenLineSchema = z.object(
  {
    cpr: cprField,
    firstName: text(200),
    lastName: text(200),
    address: addressSchema,
    homeMunicipality: z.string(required('a 4-digit municipality code')).refine(isMunicipalityCode, 'is not one of the 98 municipality codes'),
    household: text(100).optional(),
    relations: z
      .array(
        z.object(
          { cpr: cprField, kind: z.enum(['parent', 'child', 'spouse'], { error: 'must be parent, child or spouse' }) },
          required('an object with cpr and kind'),
        ),
        required('an array'),
      )
      .max(100, 'may hold at most 100 relations')
      .optional(),
    addressProtected: z.boolean(required('true or false')).optional(),
    deceasedOn: dateField.optional(),
  },
  required('a JSON object'),
);
export type CitizenLine = z.output<typeof citizenLineSchema>;

/** A household id for a citizen without one: derived from the address, never from the CPR number. */
function addressHousehold(a: CitizenLine['address']): string {
  const key = `${a.street.toLowerCase()}|${a.postcode}|${a.city.toLowerCase()}`;
  return `A${createHash('sha256').update(key).digest('hex').slice(0, 16)}`;
}

/** Imports a citizens file (JSON Lines text) into the municipality. */
export async function importCitizens(db: Kysely<Database>, body: string, options: ImportOptions): Promise<ImportSummary> {
  const code = options.municipality;
  const today = isoDay(options.now ?? new Date());
  const rejected: ImportRejection[] = [];
  const valid: { line: number; c: CitizenLine }[] = [];
  const seen = new Map<string, number>();
  for (const { line, text: raw } of numberedLines(body)) {
    const result = validateLine(citizenLineSchema, raw);
    if (!result.ok) {
      rejected.push({ line, reason: result.reason });
      continue;
    }
    const c = result.value;
    const earlier = seen.get(c.cpr);
    if (earlier !== undefined) {
      rejected.push({ line, reason: `cpr: the same person is already on line ${earlier}` });
      continue;
    }
    if (c.deceasedOn !== undefined && c.deceasedOn > today) {
      rejected.push({ line, reason: 'deceasedOn: lies in the future' });
      continue;
    }
    const self = (c.relations ?? []).findIndex((r) => r.cpr === c.cpr);
    if (self >= 0) {
      rejected.push({ line, reason: `relations.${self}.cpr: a person cannot be related to themselves` });
      continue;
    }
    seen.set(c.cpr, line);
    valid.push({ line, c });
  }

  await ensureMunicipality(db, code);
  let inserted = 0;
  let updated = 0;
  for (const chunk of chunked(valid)) {
    const rows = chunk.map(({ c }) => ({
      municipality: code,
      cpr: c.cpr,
      first_name: c.firstName,
      last_name: c.lastName,
      street: c.address.street,
      postcode: c.address.postcode,
      city: c.address.city,
      home_municipality: c.homeMunicipality,
      household_id: c.household ?? addressHousehold(c.address),
      address_protected: c.addressProtected ?? false,
      deceased_on: c.deceasedOn ?? null,
    }));
    const result = await db.transaction().execute((trx) =>
      trx
        .insertInto('citizen')
        .values(rows)
        .onConflict((oc) =>
          oc.columns(['municipality', 'cpr']).doUpdateSet((eb) => ({
            first_name: eb.ref('excluded.first_name'),
            last_name: eb.ref('excluded.last_name'),
            street: eb.ref('excluded.street'),
            postcode: eb.ref('excluded.postcode'),
            city: eb.ref('excluded.city'),
            home_municipality: eb.ref('excluded.home_municipality'),
            household_id: eb.ref('excluded.household_id'),
            address_protected: eb.ref('excluded.address_protected'),
            deceased_on: eb.ref('excluded.deceased_on'),
          })),
        )
        .returning(sql<boolean>`(xmax = 0)`.as('inserted'))
        .execute(),
    );
    const n = countUpserts(result);
    inserted += n.inserted;
    updated += n.updated;
  }

  // Relations after the whole file, both ways, where both persons are registered (in this file or before).
  const pairs = new Map<string, { cpr: string; related_cpr: string; kind: RelationKind }>();
  for (const { c } of valid) {
    for (const r of c.relations ?? []) {
      pairs.set(`${c.cpr}:${r.cpr}`, { cpr: c.cpr, related_cpr: r.cpr, kind: r.kind });
      pairs.set(`${r.cpr}:${c.cpr}`, { cpr: r.cpr, related_cpr: c.cpr, kind: INVERSE[r.kind] });
    }
  }
  const mentioned = [...new Set([...pairs.values()].map((p) => p.related_cpr))];
  const known = new Set<string>();
  for (const part of chunked(mentioned)) {
    const rows = await db.selectFrom('citizen').select('cpr').where('municipality', '=', code).where('cpr', 'in', part).execute();
    for (const r of rows) known.add(r.cpr);
  }
  const storable = [...pairs.values()].filter((p) => known.has(p.cpr) && known.has(p.related_cpr));
  for (const part of chunked(storable)) {
    await db.transaction().execute((trx) =>
      trx
        .insertInto('citizen_relation')
        .values(part.map((p) => ({ municipality: code, ...p })))
        .onConflict((oc) => oc.columns(['municipality', 'cpr', 'related_cpr']).doUpdateSet((eb) => ({ kind: eb.ref('excluded.kind') })))
        .execute(),
    );
  }
  const notes = [`${storable.length / 2} relationer gemt begge veje`];
  const missing = (pairs.size - storable.length) / 2;
  if (missing > 0) notes.push(`${missing} relationer til personer, der ikke er registreret i kommunen, er ikke gemt`);
  return { kind: 'citizens', inserted, updated, rejected, notes };
}
