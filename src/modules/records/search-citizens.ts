// searchCitizens: find citizens by CPR (exact) or by name and/or address text; needs the search right (ACC-6).
// Every person shown is logged with the criterion; an empty result is logged once with resultCount 0.
import { sql } from 'kysely';
import { CprError, maskCpr, parseCpr } from '../reference/cpr.ts';
import { citizenRef } from './refs.ts';
import { noSearchRight, RecordsError, visibleCases, withAccess, type RecordsContext } from './context.ts';

/** Most persons one search shows. */
export const SEARCH_LIMIT = 50;
/** The total is counted up to this and reported as capped beyond it. */
export const SEARCH_COUNT_CAP = 1000;
/** Longest name or address text accepted. */
export const SEARCH_TEXT_MAX = 100;

/** A search criterion: a CPR number, or name and/or address text. */
export interface CitizenSearch {
  cpr?: string | undefined;
  name?: string | undefined;
  address?: string | undefined;
  purpose?: string | undefined;
}

/** One person in a search result: never the full CPR, and no address for a protected person the user has no content right on. */
export interface CitizenHit {
  ref: string;
  name: string;
  cpr: string;
  address: string | null;
  addressProtected: boolean;
  deceased: boolean;
}

/** A search result: up to SEARCH_LIMIT persons, the total (counted up to SEARCH_COUNT_CAP) and whether it was capped. */
export interface CitizenSearchResult {
  results: CitizenHit[];
  total: number;
  totalCapped: boolean;
}

/** Escapes LIKE wildcards so that user text matches literally. */
function likeContains(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Checks and normalises a criterion; throws RecordsError (never echoing a CPR number). */
export function parseCriterion(input: CitizenSearch): { cpr?: string; name?: string; address?: string; query: string } {
  const name = input.name?.trim() || undefined;
  const address = input.address?.trim() || undefined;
  const rawCpr = input.cpr?.trim() || undefined;
  if (rawCpr !== undefined) {
    if (name || address) throw new RecordsError(400, 'invalid_criterion', 'Søg enten på CPR-nummer eller på navn og adresse, ikke begge.', 'cpr');
    let cpr: string;
    try {
      cpr = parseCpr(rawCpr).cpr; // modulus 11 is never a reason to reject
    } catch (error) {
      if (error instanceof CprError) throw new RecordsError(400, 'invalid_cpr', 'CPR-nummeret er ugyldigt: skriv 10 cifre som DDMMÅÅ-XXXX eller DDMMÅÅXXXX med en gyldig fødselsdato.', 'cpr');
      throw error;
    }
    return { cpr, query: `cpr: ${rawCpr}` };
  }
  if (!name && !address) throw new RecordsError(400, 'invalid_criterion', 'Angiv et CPR-nummer, et navn eller en adresse at søge på.');
  for (const [field, text] of [['name', name], ['address', address]] as const) {
    if (text === undefined) continue;
    if (text.length > SEARCH_TEXT_MAX) throw new RecordsError(400, 'invalid_criterion', `Søgeteksten må højst være ${SEARCH_TEXT_MAX} tegn.`, field);
    if (text.replace(/[\s%_*?.,-]/g, '').length < 2) throw new RecordsError(400, 'invalid_criterion', 'Søgeteksten skal indeholde mindst 2 bogstaver eller cifre.', field);
  }
  const parts = [name ? `navn: ${name}` : undefined, address ? `adresse: ${address}` : undefined].filter(Boolean);
  return { ...(name ? { name } : {}), ...(address ? { address } : {}), query: parts.join('; ') };
}

/** Searches citizens; 403 'no_search_right' without the search right, 400 for a malformed criterion. */
export async function searchCitizens(ctx: RecordsContext, input: CitizenSearch): Promise<CitizenSearchResult> {
  const criterion = parseCriterion(input);
  return withAccess<CitizenSearchResult>(ctx, input.purpose, async ({ trx, policy, log }) => {
    if (!policy.canSearch) {
      log({ action: 'search', query: criterion.query, resultCount: 0, outcome: 'denied' });
      return { refused: noSearchRight() };
    }
    let base = trx.selectFrom('citizen as p').where('p.municipality', '=', ctx.municipality);
    if (criterion.cpr) base = base.where('p.cpr', '=', criterion.cpr);
    if (criterion.name) base = base.where(sql<boolean>`(p.first_name || ' ' || p.last_name) ilike ${likeContains(criterion.name)}`);
    if (criterion.address) base = base.where(sql<boolean>`(p.street || ', ' || p.postcode || ' ' || p.city) ilike ${likeContains(criterion.address)}`);
    const [rows, counted] = [
      await base
        .select(['p.cpr', 'p.first_name', 'p.last_name', 'p.street', 'p.postcode', 'p.city', 'p.address_protected', 'p.deceased_on'])
        .select((eb) =>
          eb
            .exists(
              eb
                .selectFrom('citizen_case as c')
                .select(sql<number>`1`.as('one'))
                .where('c.municipality', '=', ctx.municipality)
                .whereRef('c.citizen_cpr', '=', 'p.cpr')
                .where(visibleCases(policy, 'view')),
            )
            .as('has_content'),
        )
        .orderBy('p.last_name')
        .orderBy('p.first_name')
        .orderBy('p.cpr')
        .limit(SEARCH_LIMIT)
        .execute(),
      await trx
        .selectFrom(base.select(sql<number>`1`.as('one')).limit(SEARCH_COUNT_CAP + 1).as('hits'))
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
    ];
    const n = Number(counted.n);
    const query = criterion.query;
    if (rows.length === 0) log({ action: 'search', query, resultCount: 0 });
    for (const r of rows) log({ action: 'search', query, resultCount: rows.length, subject: { cpr: r.cpr } });
    const results = rows.map((r) => {
      const showAddress = !r.address_protected || Boolean(r.has_content);
      return {
        ref: citizenRef(ctx.refKey, ctx.municipality, r.cpr),
        name: `${r.first_name} ${r.last_name}`,
        cpr: maskCpr(r.cpr),
        address: showAddress ? `${r.street}, ${r.postcode} ${r.city}` : null,
        addressProtected: r.address_protected,
        deceased: r.deceased_on !== null,
      };
    });
    return { ok: { results, total: Math.min(n, SEARCH_COUNT_CAP), totalCapped: n > SEARCH_COUNT_CAP } };
  });
}
