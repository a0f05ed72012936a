import { describe, expect, it } from 'vitest';
import { isRole } from '../../src/modules/identity/roles.ts';
import { HIDDEN_KLE, unitForKle } from '../../src/modules/demo/cases.ts';
import { DemoDataError, DemoOptionsError, assertSubstituteCprs, generateDemo, validateDemoOptions } from '../../src/modules/demo/generate.ts';
import { DEMO_PASSWORD } from '../../src/modules/demo/index.ts';
import { unitSizes } from '../../src/modules/demo/org.ts';
import { Random } from '../../src/modules/demo/random.ts';
import { isSubstituteCpr, parseCpr } from '../../src/modules/reference/cpr.ts';
import { isMunicipalityCode, kleSubjects } from '../../src/modules/reference/index.ts';

describe('Random', () => {
  it('is deterministic per seed', () => {
    const a = new Random(42);
    const b = new Random(42);
    const c = new Random(43);
    const seqA = Array.from({ length: 20 }, () => a.uint32());
    expect(Array.from({ length: 20 }, () => b.uint32())).toEqual(seqA);
    expect(Array.from({ length: 20 }, () => c.uint32())).not.toEqual(seqA);
  });

  it('keeps int() within its bounds and reaches both ends', () => {
    const r = new Random(7);
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const n = r.int(3, 6);
      expect(n).toBeGreaterThanOrEqual(3);
      expect(n).toBeLessThanOrEqual(6);
      seen.add(n);
    }
    expect([...seen].sort()).toEqual([3, 4, 5, 6]);
  });
});

describe('generateDemo: determinism', () => {
  const small = { municipality: '0336', citizens: 1500, employees: 80 };

  it('gives byte-identical data for the same seed', () => {
    expect(JSON.stringify(generateDemo({ ...small, seed: 5 }))).toBe(JSON.stringify(generateDemo({ ...small, seed: 5 })));
  });

  it('gives different data for a different seed', () => {
    const a = generateDemo({ ...small, seed: 5 });
    const b = generateDemo({ ...small, seed: 6 });
    expect(b.citizens.map((c) => c.cpr)).not.toEqual(a.citizens.map((c) => c.cpr));
    expect(b.cases.map((c) => c.case_number)).not.toEqual(a.cases.map((c) => c.case_number));
  });
});

describe('generateDemo: the default municipality', () => {
  const data = generateDemo({ municipality: '0336', seed: 1 });
  const citizenByCpr = new Map(data.citizens.map((c) => [c.cpr, c]));
  const employeeById = new Map(data.employees.map((e) => [e.id, e]));

  it('has about 20,000 citizens and 500 employees of Stevns', () => {
    expect(data.municipality).toEqual({ code: '0336', name: 'Stevns' });
    expect(data.citizens).toHaveLength(20_000);
    expect(data.employees).toHaveLength(500);
    expect(data.units.map((u) => u.name)).toEqual(
      expect.arrayContaining(['Direktion', 'Borgerservice', 'Ydelse', 'Børn og Familie', 'Jobcenter', 'Sekretariatet for Børn og unge-udvalget', 'IT og Digitalisering']),
    );
  });

  it('uses only unique, valid substitute CPR numbers', () => {
    const all = [...data.citizens.map((c) => c.cpr), ...data.employees.map((e) => e.cpr)];
    for (const cpr of all) expect(isSubstituteCpr(cpr), 'a CPR number is not a substitute number').toBe(true);
    expect(new Set(data.citizens.map((c) => c.cpr)).size).toBe(data.citizens.length);
    expect(new Set(data.employees.map((e) => e.cpr)).size).toBe(data.employees.length);
    // Most satisfy modulus 11 like real pre-2007 numbers; sexes are roughly balanced.
    const parsed = data.citizens.map((c) => parseCpr(c.cpr));
    expect(parsed.filter((p) => p.modulus11).length / parsed.length).toBeGreaterThan(0.95);
    const male = parsed.filter((p) => p.sex === 'male').length / parsed.length;
    expect(male).toBeGreaterThan(0.4);
    expect(male).toBeLessThan(0.6);
  });

  it('has the secretariat for Børn og unge-udvalget under Direktion', () => {
    const secretariat = data.units.find((u) => u.kind === 'secretariat');
    expect(secretariat).toMatchObject({ name: 'Sekretariatet for Børn og unge-udvalget', serves_authority: 'boern-og-unge-udvalget', parent_id: 'direktion' });
    const direktion = data.units.find((u) => u.name === 'Direktion')!;
    expect(direktion.parent_id).toBeNull();
    const ids = new Set(data.units.map((u) => u.id));
    for (const u of data.units) if (u.parent_id !== null) expect(ids.has(u.parent_id)).toBe(true);
  });

  it('gives every unit exactly one leader; staff report to the leader, leaders to Direktion or their parent unit', () => {
    const top = data.employees.filter((e) => e.manager_id === null);
    expect(top).toHaveLength(1);
    expect(top[0]).toMatchObject({ unit_id: 'direktion', title: 'Kommunaldirektør' });
    for (const unit of data.units) {
      const staff = data.employees.filter((e) => e.unit_id === unit.id);
      const leaders = staff.filter((e) => e.manager_id === null || employeeById.get(e.manager_id)!.unit_id !== unit.id);
      expect(leaders, unit.id).toHaveLength(1);
      const leader = leaders[0]!;
      expect(leader.roles).toContain('manager');
      for (const e of staff) if (e !== leader) expect(e.manager_id).toBe(leader.id);
      if (unit.parent_id === 'direktion') expect(employeeById.get(leader.manager_id!)!.unit_id).toBe('direktion');
      if (unit.parent_id !== null && unit.parent_id !== 'direktion') expect(employeeById.get(leader.manager_id!)!.unit_id).toBe(unit.parent_id);
    }
  });

  it('gives employees typed roles, unique usernames, and a single DPO', () => {
    for (const e of data.employees) for (const r of e.roles) expect(isRole(r)).toBe(true);
    expect(new Set(data.employees.map((e) => e.username)).size).toBe(data.employees.length);
    const count = (role: string) => data.employees.filter((e) => e.roles.includes(role as never)).length;
    expect(count('dpo')).toBe(1);
    expect(count('employee')).toBeGreaterThan(400);
    expect(count('security')).toBeGreaterThanOrEqual(2);
    expect(count('it-admin')).toBeGreaterThanOrEqual(2);
    expect(count('system-owner')).toBeGreaterThanOrEqual(2);
    expect(count('authorizer')).toBeGreaterThanOrEqual(3);
    const departed = data.employees.filter((e) => e.employed_until !== null && e.employed_until < '2026-11-01');
    expect(departed.length).toBeGreaterThan(3);
    expect(departed.length).toBeLessThan(40);
  });

  it('makes some employees citizens too (same CPR, name and address), others live elsewhere', () => {
    const alsoCitizens = data.employees.filter((e) => citizenByCpr.has(e.cpr));
    expect(alsoCitizens.length).toBeGreaterThan(150);
    expect(alsoCitizens.length).toBeLessThan(450);
    for (const e of alsoCitizens) {
      const c = citizenByCpr.get(e.cpr)!;
      expect(e.full_name).toBe(`${c.first_name} ${c.last_name}`);
      expect([e.street, e.postcode]).toEqual([c.street, c.postcode]);
    }
  });

  it('has demo logins for each kind of user, all with the demo password', () => {
    const expected = { borgerservice: 'employee', leder: 'manager', sikkerhed: 'security', itadmin: 'it-admin', systemejer: 'system-owner', dpo: 'dpo', sekretariat: 'employee' };
    for (const [username, role] of Object.entries(expected)) {
      const login = data.logins.find((l) => l.username === username);
      expect(login, username).toBeDefined();
      expect(login!.password).toBe(DEMO_PASSWORD);
      const employee = data.employees.find((e) => e.username === username)!;
      expect(employee.roles).toContain(role);
      expect(employee.employed_until).toBeNull();
    }
    expect(data.employees.find((e) => e.username === 'sekretariat')!.unit_id).toBe('sekretariat-buu');
    expect(data.employees.find((e) => e.username === 'borgerservice')!.unit_id).toBe('borgerservice');
  });

  it('has families with symmetric relations', () => {
    const inverse = { parent: 'child', child: 'parent', spouse: 'spouse' } as const;
    const keys = new Set(data.relations.map((r) => `${r.cpr}|${r.related_cpr}|${r.kind}`));
    for (const r of data.relations) expect(keys.has(`${r.related_cpr}|${r.cpr}|${inverse[r.kind]}`)).toBe(true);
    for (const r of data.relations) {
      expect(citizenByCpr.has(r.cpr)).toBe(true);
      expect(citizenByCpr.has(r.related_cpr)).toBe(true);
      if (r.kind === 'child') expect(parseCpr(r.cpr).birthDate < parseCpr(r.related_cpr).birthDate).toBe(true);
    }
    expect(data.relations.filter((r) => r.kind === 'spouse').length).toBeGreaterThan(4000);
    expect(data.relations.filter((r) => r.kind === 'child').length).toBeGreaterThan(4000);
    const households = new Set(data.citizens.map((c) => c.household_id));
    expect(households.size).toBeGreaterThan(6000);
    expect(households.size).toBeLessThan(14000);
  });

  it('places citizens in real Stevns towns, with about 2% elsewhere, 1% protected and 1% deceased', () => {
    const share = (n: number) => n / data.citizens.length;
    const elsewhere = data.citizens.filter((c) => c.home_municipality !== '0336');
    expect(share(elsewhere.length)).toBeGreaterThan(0.015);
    expect(share(elsewhere.length)).toBeLessThan(0.03);
    for (const c of elsewhere) expect(isMunicipalityCode(c.home_municipality)).toBe(true);
    expect(share(data.citizens.filter((c) => c.address_protected).length)).toBeCloseTo(0.01, 2);
    expect(share(data.citizens.filter((c) => c.deceased_on !== null).length)).toBeCloseTo(0.01, 2);
    const local = data.citizens.filter((c) => c.home_municipality === '0336');
    const postcodes = new Set(local.map((c) => c.postcode));
    for (const p of ['4660', '4652', '4671', '4672', '4673']) expect(postcodes.has(p)).toBe(true);
  });

  it('has cases with real KLE numbers, sensible units, hidden types and Børn og unge-udvalget cases', () => {
    const knownKle = new Set([...kleSubjects.map((k) => k.code), ...HIDDEN_KLE]);
    expect(data.cases.length).toBeGreaterThan(5000);
    expect(new Set(data.cases.map((c) => c.case_number)).size).toBe(data.cases.length);
    for (const c of data.cases) {
      expect(knownKle.has(c.kle), c.kle).toBe(true);
      expect(c.case_number).toMatch(/^\d{2}\.\d{2}\.\d{2}-G01-\d+-\d{2}$/);
      expect(c.case_number.startsWith(`${c.kle}-${c.facet}-`)).toBe(true);
      expect(citizenByCpr.has(c.citizen_cpr)).toBe(true);
      if (c.assigned_employee_id !== null) expect(employeeById.get(c.assigned_employee_id)!.unit_id).toBe(c.responsible_unit_id);
      if (c.status === 'closed') expect(c.closed_on! >= c.opened_on).toBe(true);
      else expect(c.closed_on).toBeNull();
    }
    for (const kle of HIDDEN_KLE) expect(data.cases.some((c) => c.kle === kle), kle).toBe(true);
    const buu = data.cases.filter((c) => c.authority === 'boern-og-unge-udvalget');
    expect(buu.length).toBeGreaterThan(10);
    for (const c of buu) expect(c.responsible_unit_id).toBe('sekretariat-buu');
    expect(data.cases.some((c) => c.status === 'open')).toBe(true);
    expect(data.cases.some((c) => c.status === 'closed')).toBe(true);
    const caseIds = new Set(data.cases.map((c) => c.id));
    for (const d of data.documents) expect(caseIds.has(d.case_id)).toBe(true);
    expect(data.documents.length).toBeGreaterThan(1000);
  });
});

describe('unitForKle', () => {
  it('routes by authority, subject and main group', () => {
    expect(unitForKle('23.09.02')).toBe('borgerservice');
    expect(unitForKle('29.03.04')).toBe('borgerservice');
    expect(unitForKle('34.10.30')).toBe('bf-myndighed');
    expect(unitForKle('27.25.08')).toBe('bf-ssp');
    expect(unitForKle('32.45.04')).toBe('ydelse-kontrol');
    expect(unitForKle('32.03.04')).toBe('ydelse-pension');
    expect(unitForKle('32.24.04', { citizenAge: 45 })).toBe('jobcenter');
    expect(unitForKle('32.24.04', { citizenAge: 22 })).toBe('jobcenter-unge');
    expect(unitForKle('15.02.00')).toBe('jobcenter');
    expect(unitForKle('34.25.00', { authority: 'boern-og-unge-udvalget' })).toBe('sekretariat-buu');
  });
});

describe('the substitute assertion', () => {
  const data = generateDemo({ municipality: '0336', seed: 9, citizens: 300, employees: 50 });

  it('passes on generated data', () => {
    expect(() => assertSubstituteCprs(data)).not.toThrow();
  });

  it('fires on a real-format CPR number, without naming it', () => {
    const real = '0701901234';
    const broken = { ...data, citizens: [...data.citizens, { ...data.citizens[0]!, cpr: real }] };
    expect(() => assertSubstituteCprs(broken)).toThrow(DemoDataError);
    expect(() => assertSubstituteCprs(broken)).not.toThrow(new RegExp(real));
    expect(() => assertSubstituteCprs({ ...data, employees: [{ ...data.employees[0]!, cpr: '3102906666' }] })).toThrow(DemoDataError);
    expect(() => assertSubstituteCprs({ ...data, cases: [{ ...data.cases[0]!, citizen_cpr: '010190-1234' }] })).toThrow(DemoDataError);
  });
});

describe('options', () => {
  it('rejects unknown municipalities, bad seeds and sizes', () => {
    expect(() => validateDemoOptions({ municipality: '9999', seed: 1 })).toThrow(DemoOptionsError);
    expect(() => validateDemoOptions({ municipality: '0336', seed: -1 })).toThrow(DemoOptionsError);
    expect(() => validateDemoOptions({ municipality: '0336', seed: 1.5 })).toThrow(DemoOptionsError);
    expect(() => validateDemoOptions({ municipality: '0336', seed: 2 ** 31 })).toThrow(DemoOptionsError);
    expect(() => validateDemoOptions({ municipality: '0336', seed: 1, citizens: 10 })).toThrow(DemoOptionsError);
    expect(validateDemoOptions({ municipality: '0730', seed: 0 })).toMatchObject({ code: '0730', name: 'Randers', citizens: 20_000, employees: 500 });
  });

  it('splits staff over units so each has a leader, its demo users and at least one employee', () => {
    for (const total of [40, 100, 500, 1234]) {
      const sizes = unitSizes(total);
      expect([...sizes.values()].reduce((s, n) => s + n, 0)).toBe(total);
      for (const n of sizes.values()) expect(n).toBeGreaterThanOrEqual(2);
    }
  });
});
