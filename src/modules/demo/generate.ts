// The pure part of the demo: options → DemoData, deterministic for a given seed, no database involved.
import { isSubstituteCpr } from '../reference/cpr.ts';
import { municipality as findMunicipality } from '../reference/index.ts';
import { generateCases } from './cases.ts';
import { CprFactory, generatePopulation } from './citizens.ts';
import { demoLogins, generateEmployees, generateUnits } from './org.ts';
import { Random } from './random.ts';
import type { DemoData } from './types.ts';

/** The fixed "today" of the demo data, so a seed always gives byte-identical rows. */
export const DEMO_REFERENCE_DATE = '2026-11-01';

/** Default size of the demo municipality. */
export const DEMO_DEFAULT_SIZE = { citizens: 20_000, employees: 500 } as const;

/** Raised for demo options Skjold cannot build a municipality from (bad seed, unknown code, bad size); Danish one-line message. */
export class DemoOptionsError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'DemoOptionsError';
  }
}

/** Raised when generated data breaks an invariant, above all a CPR number that is not a substitute number. */
export class DemoDataError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'DemoDataError';
  }
}

/** What to generate: municipality code, seed and (optionally) size and reference date. */
export interface DemoOptions {
  municipality: string;
  seed: number;
  citizens?: number;
  employees?: number;
  referenceDate?: string;
}

/** Checks the options; throws DemoOptionsError with a one-line reason. */
export function validateDemoOptions(options: DemoOptions): { code: string; name: string; seed: number; citizens: number; employees: number; referenceDate: string } {
  const m = findMunicipality(options.municipality);
  if (!m) throw new DemoOptionsError('ukendt kommunekode (skal være en af de 98 firecifrede koder, fx 0336)');
  if (!Number.isInteger(options.seed) || options.seed < 0 || options.seed > 2_147_483_647) throw new DemoOptionsError('seed skal være et helt tal fra 0 til 2147483647');
  const citizens = options.citizens ?? DEMO_DEFAULT_SIZE.citizens;
  const employees = options.employees ?? DEMO_DEFAULT_SIZE.employees;
  if (!Number.isInteger(citizens) || citizens < 200 || citizens > 1_000_000) throw new DemoOptionsError('antallet af borgere skal være et helt tal fra 200 til 1000000');
  if (!Number.isInteger(employees) || employees < 40 || employees > 50_000) throw new DemoOptionsError('antallet af medarbejdere skal være et helt tal fra 40 til 50000');
  const referenceDate = options.referenceDate ?? DEMO_REFERENCE_DATE;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(referenceDate)) throw new DemoOptionsError('referencedatoen skal skrives ÅÅÅÅ-MM-DD');
  return { code: m.code, name: m.name, seed: options.seed, citizens, employees, referenceDate };
}

/** Throws DemoDataError unless every CPR number (citizens, employees, relations, cases) is a valid substitute number. */
export function assertSubstituteCprs(data: Pick<DemoData, 'citizens' | 'employees' | 'relations' | 'cases'>): void {
  const check = (cpr: string, where: string) => {
    // The message names where, never the number.
    if (!isSubstituteCpr(cpr)) throw new DemoDataError(`a generated CPR number in ${where} is not a substitute number`);
  };
  for (const c of data.citizens) check(c.cpr, 'citizen');
  for (const e of data.employees) check(e.cpr, 'employee');
  for (const r of data.relations) {
    check(r.cpr, 'citizen_relation');
    check(r.related_cpr, 'citizen_relation');
  }
  for (const c of data.cases) check(c.citizen_cpr, 'citizen_case');
}

/** Builds the whole demo municipality in memory; the same options always give identical data. */
export function generateDemo(options: DemoOptions): DemoData {
  const o = validateDemoOptions(options);
  const root = new Random(o.seed);
  // Independent streams per part, so changing one part's size does not reshuffle the others.
  const cprs = new CprFactory(root.fork(1));
  const population = generatePopulation(root.fork(2), o.code, o.name, o.citizens, o.referenceDate, cprs);
  const employees = generateEmployees(root.fork(3), o.code, o.employees, population, cprs, o.referenceDate);
  const { cases, documents } = generateCases(root.fork(4), o.code, population, employees, o.referenceDate);
  const data: DemoData = {
    municipality: { code: o.code, name: o.name },
    seed: o.seed,
    units: generateUnits(o.code),
    employees,
    citizens: population.citizens,
    relations: population.relations,
    cases,
    documents,
    logins: demoLogins(),
  };
  assertSubstituteCprs(data);
  return data;
}
