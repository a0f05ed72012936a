import { describe, expect, it } from 'vitest';
import { danishHolidays, easterSunday, isWithinOpeningHours, parseRuleDefinition, SHIPPED_RULES } from '../../src/modules/control/index.ts';

describe('Danish holidays and opening hours', () => {
  it('computes Easter and the Easter-based holidays', () => {
    expect(easterSunday(2024)).toBe('2024-03-31');
    expect(easterSunday(2026)).toBe('2026-04-05');
    const names = Object.fromEntries(danishHolidays(2026).map((h) => [h.name, h.date]));
    expect(names).toMatchObject({ Skærtorsdag: '2026-04-02', Langfredag: '2026-04-03', '2. påskedag': '2026-04-06', 'Kristi himmelfartsdag': '2026-05-14', '2. pinsedag': '2026-05-25', Grundlovsdag: '2026-06-05' });
    expect(names['Store bededag']).toBeUndefined();
    expect(danishHolidays(2023).some((h) => h.name === 'Store bededag' && h.date === '2023-05-05')).toBe(true);
  });
  it('default hours Mon–Thu 08–16, Fri 08–14, Europe/Copenhagen', () => {
    expect(isWithinOpeningHours(new Date('2026-06-02T08:00:00Z'))).toBe(true); // Tue 10:00
    expect(isWithinOpeningHours(new Date('2026-06-02T14:30:00Z'))).toBe(false); // Tue 16:30
    expect(isWithinOpeningHours(new Date('2026-06-12T12:30:00Z'))).toBe(false); // Fri 14:30
    expect(isWithinOpeningHours(new Date('2026-06-06T08:00:00Z'))).toBe(false); // Saturday
    expect(isWithinOpeningHours(new Date('2026-04-06T08:00:00Z'))).toBe(false); // 2. påskedag
    expect(isWithinOpeningHours(new Date('2026-01-06T07:30:00Z'))).toBe(true); // winter time: 08:30
  });
});

describe('rule language', () => {
  it('every shipped rule parses', () => {
    for (const r of SHIPPED_RULES) expect(() => parseRuleDefinition(r.definition)).not.toThrow();
  });
  it('refuses unknown kinds, unknown fields and bad values with a Danish reason', () => {
    expect(() => parseRuleDefinition({ kind: 'magic' })).toThrow(/kind/);
    expect(() => parseRuleDefinition({ kind: 'self', extra: 1 })).toThrow(/Reglen kan ikke læses/);
    expect(() => parseRuleDefinition({ kind: 'volume', distinctPersons: 1, windowMinutes: 60, peerFactor: 2 })).toThrow(/distinctPersons/);
    expect(() => parseRuleDefinition('not json')).toThrow(/Reglen kan ikke læses/);
    expect(() => parseRuleDefinition({ kind: 'first-sensitive', categories: ['abc'] })).toThrow(/categories/);
  });
});
