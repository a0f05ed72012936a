// createCase: open a new case for a citizen; needs the enter right (ACC-6) on the new case's type and authority.
import { randomInt, randomUUID } from 'node:crypto';
import { decide } from '../access/index.ts';
import { isKleFormat, kleTitle } from '../reference/index.ts';
import { loadCase, presentCase, type CaseView } from './cases.ts';
import { RecordsError, citizenNotFound, forbidden, withAccess, type RecordsContext } from './context.ts';
import { resolveCitizenRef } from './refs.ts';

/** A new case: whose (by ref), which type, title, and optionally facet, authority, responsible unit and assignee. */
export interface NewCase {
  citizenRef: string;
  kle: string;
  title: string;
  facet?: string | undefined;
  authority?: string | undefined;
  responsibleUnitId?: string | undefined;
  assignedEmployeeId?: string | null | undefined;
  purpose?: string | undefined;
}

/** Opens a case; 400 for an unknown KLE, unit or employee, 404 for an unknown citizen, 403 'forbidden' without the right. Logs 'create'. */
export async function createCase(ctx: RecordsContext, input: NewCase): Promise<CaseView> {
  const kle = input.kle.trim();
  if (!isKleFormat(kle) || kleTitle(kle) === undefined) throw new RecordsError(400, 'unknown_kle', 'KLE-nummeret er ukendt: skriv NN, NN.NN eller NN.NN.NN med en kendt hovedgruppe.', 'kle');
  const facet = input.facet?.trim() || 'G01';
  if (!/^[A-Z]\d{2}$/.test(facet)) throw new RecordsError(400, 'invalid_facet', 'Handlingsfacetten skal skrives som et bogstav og to cifre, fx G01.', 'facet');
  const authority = input.authority?.trim() || 'municipality';
  const cpr = resolveCitizenRef(ctx.refKey, ctx.municipality, input.citizenRef);
  return withAccess<CaseView>(ctx, input.purpose, async ({ trx, policy, log, flush }) => {
    const person = cpr ? await trx.selectFrom('citizen').select('cpr').where('municipality', '=', ctx.municipality).where('cpr', '=', cpr).executeTakeFirst() : undefined;
    if (!person) {
      log({ action: 'create', query: 'ukendt borger-reference', case: { kle, facet }, outcome: 'denied' });
      return { refused: citizenNotFound() };
    }
    if (!decide(policy, 'create', { kle, authority })) {
      log({ action: 'create', subject: { cpr: person.cpr }, case: { kle, facet, status: 'open' }, outcome: 'denied' });
      return { refused: forbidden() };
    }
    const unitId = input.responsibleUnitId ?? ctx.user.unitId;
    const unit = await trx.selectFrom('org_unit').select('id').where('municipality', '=', ctx.municipality).where('id', '=', unitId).executeTakeFirst();
    if (!unit) throw new RecordsError(400, 'unknown_unit', 'Den ansvarlige enhed findes ikke.', 'responsibleUnitId');
    if (input.assignedEmployeeId) {
      const employee = await trx.selectFrom('employee').select('id').where('municipality', '=', ctx.municipality).where('id', '=', input.assignedEmployeeId).executeTakeFirst();
      if (!employee) throw new RecordsError(400, 'unknown_employee', 'Den valgte medarbejder findes ikke.', 'assignedEmployeeId');
    }
    const id = randomUUID();
    const caseNumber = `${kle}-${facet}-${randomInt(10_000, 100_000)}-${String(ctx.now.getUTCFullYear()).slice(2)}`;
    log({ action: 'create', subject: { cpr: person.cpr }, case: { id, kle, facet, status: 'open' } });
    await flush();
    await trx
      .insertInto('citizen_case')
      .values({
        municipality: ctx.municipality, id, case_number: caseNumber, citizen_cpr: person.cpr, kle, facet, title: input.title.trim(), status: 'open', authority,
        system: 'skjold', responsible_unit_id: unitId, assigned_employee_id: input.assignedEmployeeId ?? null, opened_on: ctx.now.toISOString().slice(0, 10), closed_on: null,
      })
      .execute();
    return { ok: await presentCase(ctx, trx, policy, (await loadCase(trx, ctx.municipality, id))!) };
  });
}
