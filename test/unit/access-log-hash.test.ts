import { describe, expect, it } from 'vitest';
import { canonicalJson, chainHash } from '../../src/modules/audit/chain.ts';
import { canonicalRecordJson, hashedRecord, recordHash, type StoredFields } from '../../src/modules/audit/access-log.ts';
import { fastValidate, parseRfc3339, validateRecord, validateSlow } from '../../src/modules/audit/ingest.ts';

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('access-log record hashing', () => {
  it('writes exactly the canonical JSON of the hashed record (random records, odd strings, nulls)', () => {
    const rand = prng(7);
    const strings = ['a', 'Æble "citat" \\ \n\t', '', 'ü€😀', '\u2028', null] as const;
    const pick = () => strings[Math.floor(rand() * strings.length)]!;
    for (let i = 0; i < 2000; i++) {
      const r: StoredFields = {
        municipality: '0336', seq: 1 + Math.floor(rand() * 1e12), system: 'sbsys', record_id: pick() ?? 'x', time: new Date(Math.floor(rand() * 4e12)),
        received_at: new Date(Math.floor(rand() * 4e12)), user_id: pick() ?? 'u', user_unit: pick(), workstation: pick(), ip: pick(), action: 'view',
        subject_cpr: rand() < 0.5 ? null : '6701901234', query: pick(), result_count: rand() < 0.5 ? null : Math.floor(rand() * 1000), case_id: pick(),
        case_kle: pick(), case_facet: pick(), case_status: rand() < 0.5 ? null : 'open', purpose: pick(), outcome: rand() < 0.5 ? 'ok' : 'denied',
      };
      expect(canonicalRecordJson(r)).toBe(canonicalJson(hashedRecord(r)));
      expect(recordHash('ab'.repeat(32), r)).toBe(chainHash('ab'.repeat(32), hashedRecord(r)));
    }
  });
});

describe('access-log record validation', () => {
  const now = new Date('2026-11-20T10:00:00Z');
  const base = { id: 'x-1', time: '2026-11-20T09:14:03.120+01:00', system: 'sbsys', user: { id: 'ab1234' }, action: 'view', subject: { cpr: '6701901234' } };
  it('accepts the spec examples and applies the outcome default', () => {
    const a = validateRecord({ ...base, user: { id: 'ab1234', unit: 'borgerservice' }, workstation: 'BS-PC-07', case: { id: 'S-2026-00412', kle: '32.06.04', facet: 'G01', status: 'open' }, purpose: 'boligydelse ansøgning' }, { key: 'sbsys' }, now);
    expect(a).toMatchObject({ ok: true, record: { outcome: 'ok', time: new Date('2026-11-20T08:14:03.120Z') } });
    const b = validateRecord({ id: 'sbsys-9f1c3', time: '2026-11-20T09:15:41+01:00', system: 'sbsys', user: { id: 'ab1234' }, action: 'search', query: 'Jensen, Storegade', resultCount: 14 }, { key: 'sbsys' }, now);
    expect(b.ok).toBe(true);
  });
  it('never rejects a CPR number for failing modulus 11, but rejects impossible dates', () => {
    expect(validateRecord({ ...base, subject: { cpr: '0101901235' } }, { key: 'sbsys' }, now).ok).toBe(true);
    expect(validateRecord({ ...base, subject: { cpr: '3202901234' } }, { key: 'sbsys' }, now)).toEqual({ ok: false, reason: expect.stringMatching(/^subject\.cpr: /) });
  });
  it('parses RFC 3339 with offset only, and real dates only', () => {
    expect(parseRfc3339('2026-11-20T09:14:03.123456+01:00')?.toISOString()).toBe('2026-11-20T08:14:03.123Z');
    expect(parseRfc3339('2026-11-20T09:14:03Z')).toBeDefined();
    for (const bad of ['2026-11-20T09:14:03', '2026-11-20', '2026-02-29T10:00:00Z', '2026-13-01T10:00:00Z', '2026-11-20T25:00:00Z', 'now', '2026-11-20T09:14:03+25:00']) {
      expect(parseRfc3339(bad), bad).toBeUndefined();
    }
  });
  it('allows 5 minutes of clock skew, not more', () => {
    expect(validateRecord({ ...base, time: '2026-11-20T10:04:59Z' }, { key: 'sbsys' }, now).ok).toBe(true);
    expect(validateRecord({ ...base, time: '2026-11-20T10:05:01Z' }, { key: 'sbsys' }, now)).toEqual({ ok: false, reason: 'time: lies more than 5 minutes in the future' });
    expect(validateRecord({ ...base, time: '0050-01-01T00:00:00Z' }, { key: 'sbsys' }, now)).toEqual({ ok: false, reason: 'time: lies before 1970' });
  });
});

describe('fast validation path', () => {
  it('accepts only what the schema accepts, with the same result (random mutations)', () => {
    const rand = prng(11);
    const now = new Date('2026-11-20T10:00:00Z');
    const values: unknown[] = [undefined, null, '', 'x', 'x'.repeat(129), 'a\u0000b', '\ud800', 0, -1, 1.5, 2 ** 31, true, [], {}, { cpr: '6701901234' }, { cpr: '3202901234' }, '6701901234', 'view', 'search', 'peek', 'ok', 'denied', 'open', '32.06.04', '99.01', '32.6', 'sbsys', 'other', '2026-11-20T09:00:00Z', '2026-11-20T11:00:00Z', '0050-01-01T00:00:00Z', '2026-02-30T09:00:00Z', { id: 'u' }, { id: 'u', unit: 'b' }, { id: '' }, { kle: '32.06.04', status: 'open' }, { kle: '99.99' }, { status: 'x' }, { id: 'S', facet: 'G01' }];
    const fields = ['id', 'time', 'system', 'user', 'workstation', 'ip', 'action', 'subject', 'query', 'resultCount', 'case', 'purpose', 'outcome'];
    const valid = { id: 'r-1', time: '2026-11-20T09:00:00+01:00', system: 'sbsys', user: { id: 'ab1234', unit: 'bs' }, action: 'view', subject: { cpr: '6701901234' }, case: { id: 'S-1', kle: '32.06.04', status: 'open' } };
    let fastAccepted = 0;
    for (let i = 0; i < 20000; i++) {
      const input: Record<string, unknown> = structuredClone(valid);
      const mutations = 1 + Math.floor(rand() * 3);
      for (let m = 0; m < mutations; m++) input[fields[Math.floor(rand() * fields.length)]!] = values[Math.floor(rand() * values.length)];
      const fast = fastValidate(input, 'sbsys', now);
      const slow = validateSlow(input, { key: 'sbsys' }, now);
      if (fast) {
        fastAccepted++;
        expect(slow, JSON.stringify(input)).toEqual({ ok: true, record: fast });
      }
    }
    expect(fastAccepted).toBeGreaterThan(1000);
  });
});
