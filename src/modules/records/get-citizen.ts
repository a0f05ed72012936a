// getCitizen: one person and the cases the user may know of — filtered by the policy IN SQL, counted the same way,
// so a hidden case never shows, not even as a number. Needs the search right (finding a person is a search, ACC-6).
import { sql } from 'kysely';
import { formatCpr, maskCpr } from '../reference/cpr.ts';
import { existenceOf, type CaseExistence } from './cases.ts';
import { citizenNotFound, noSearchRight, visibleCases, withAccess, type RecordsContext } from './context.ts';
import { citizenRef, resolveCitizenRef } from './refs.ts';
import { parseCriterion } from './search-citizens.ts';

/** Most cases one page of a citizen shows. */
export const CITIZEN_CASES_MAX = 200;

/** Which citizen: an opaque ref from an earlier answer, or a CPR number (only ever in a POST body). */
export type CitizenKey = { ref: string } | { cpr: string };

/** Paging and purpose for getCitizen. */
export interface CitizenOptions {
  purpose?: string | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
}

/** A case in a citizen's list: existence fields, plus canView when the user may see its contents. */
export interface CitizenCase extends CaseExistence {
  canView: boolean;
}

/** A citizen as the workspace shows them, with the cases the user may know of. */
export interface CitizenView {
  ref: string;
  name: string;
  /** Full (DDMMYY-SSSS) when the user may see the contents of one of the person's cases, masked otherwise. */
  cpr: string;
  address: string | null;
  addressProtected: boolean;
  deceased: boolean;
  homeMunicipality: string;
  cases: CitizenCase[];
  /** The number of cases the user may know of (never counting the others). */
  totalCases: number;
}

/** Shows a citizen and their visible cases; 404 for an unknown ref or CPR, 403 without the search right. */
export async function getCitizen(ctx: RecordsContext, key: CitizenKey, options: CitizenOptions = {}): Promise<CitizenView> {
  const cpr = 'cpr' in key ? parseCriterion({ cpr: key.cpr }).cpr! : resolveCitizenRef(ctx.refKey, ctx.municipality, key.ref);
  const limit = Math.min(Math.max(options.limit ?? 100, 1), CITIZEN_CASES_MAX);
  const offset = Math.max(options.offset ?? 0, 0);
  return withAccess<CitizenView>(ctx, options.purpose, async ({ trx, policy, log }) => {
    if (!policy.canSearch) {
      log(cpr ? { action: 'view', subject: { cpr }, outcome: 'denied' } : { action: 'view', query: 'ukendt borger-reference', outcome: 'denied' });
      return { refused: noSearchRight() };
    }
    const person = cpr
      ? await trx.selectFrom('citizen').selectAll().where('municipality', '=', ctx.municipality).where('cpr', '=', cpr).executeTakeFirst()
      : undefined;
    if (!person) {
      log(cpr ? { action: 'view', subject: { cpr }, outcome: 'denied' } : { action: 'view', query: 'ukendt borger-reference', outcome: 'denied' });
      return { refused: citizenNotFound() };
    }
    const known = trx
      .selectFrom('citizen_case as c')
      .where('c.municipality', '=', ctx.municipality)
      .where('c.citizen_cpr', '=', person.cpr)
      .where(visibleCases(policy, 'know'));
    const [rows, total, content] = [
      await known
        .leftJoin('org_unit as u', (j) => j.onRef('u.municipality', '=', 'c.municipality').onRef('u.id', '=', 'c.responsible_unit_id'))
        .select(['c.id', 'c.case_number', 'c.kle', 'c.facet', 'c.status', 'c.authority', 'c.responsible_unit_id', 'u.name as responsible_unit_name', 'c.opened_on'])
        .select((eb) => eb.or([visibleCases(policy, 'view')(eb)]).as('can_view'))
        .orderBy('c.opened_on', 'desc')
        .orderBy('c.id')
        .limit(limit)
        .offset(offset)
        .execute(),
      await known.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      await known.where(visibleCases(policy, 'view')).select(sql<number>`1`.as('one')).limit(1).executeTakeFirst(),
    ];
    log({ action: 'view', subject: { cpr: person.cpr } });
    const showAddress = !person.address_protected || content !== undefined;
    return {
      ok: {
        ref: citizenRef(ctx.refKey, ctx.municipality, person.cpr),
        name: `${person.first_name} ${person.last_name}`,
        cpr: content ? formatCpr(person.cpr) : maskCpr(person.cpr),
        address: showAddress ? `${person.street}, ${person.postcode} ${person.city}` : null,
        addressProtected: person.address_protected,
        deceased: person.deceased_on !== null,
        homeMunicipality: person.home_municipality,
        cases: rows.map((r) => ({ ...existenceOf(r), canView: Boolean(r.can_view) })),
        totalCases: Number(total.n),
      },
    };
  });
}
