import { describe, expect, it } from 'vitest';
import {
  CprError,
  cprBirthYear,
  cprSex,
  formatCpr,
  isSubstituteCpr,
  isValidCpr,
  maskCpr,
  normaliseCpr,
  parseCpr,
  passesModulus11,
  toSubstituteCpr,
} from '../../src/modules/reference/cpr.ts';

describe('normaliseCpr', () => {
  it('accepts DDMMYY-SSSS and DDMMYYSSSS', () => {
    expect(normaliseCpr('010190-1234')).toBe('0101901234');
    expect(normaliseCpr('0101901234')).toBe('0101901234');
    expect(normaliseCpr(' 010190-1234 ')).toBe('0101901234');
  });

  it.each(['', '01019-01234', '010190--1234', '01019012345', '010190123', 'abcdef-ghij', '010190 1234', '0101-901234'])('rejects %j', (input) => {
    expect(() => normaliseCpr(input)).toThrow(CprError);
  });
});

describe('cprBirthYear (century from the 7th digit)', () => {
  it.each([
    [90, 0, 1990],
    [0, 3, 1900],
    [99, 3, 1999],
    [36, 4, 2036],
    [37, 4, 1937],
    [10, 9, 2010],
    [99, 9, 1999],
    [57, 5, 2057],
    [58, 5, 1858],
    [99, 8, 1899],
    [0, 6, 2000],
  ])('YY %i with 7th digit %i → %i', (yy, digit, year) => {
    expect(cprBirthYear(yy, digit)).toBe(year);
  });
});

describe('parseCpr', () => {
  it('reads birth date, century and sex', () => {
    expect(parseCpr('010190-1233')).toMatchObject({ cpr: '0101901233', birthDate: '1990-01-01', birthYear: 1990, sex: 'male', substitute: false });
    expect(parseCpr('150310-4002')).toMatchObject({ birthDate: '2010-03-15', sex: 'female' });
    expect(parseCpr('150360-4002')).toMatchObject({ birthDate: '1960-03-15' });
    expect(parseCpr('240880-5001')).toMatchObject({ birthDate: '1880-08-24' });
  });

  it('rejects dates that do not exist', () => {
    expect(() => parseCpr('310290-1234')).toThrow(CprError);
    expect(() => parseCpr('311190-1234')).toThrow(CprError);
    expect(() => parseCpr('001190-1234')).toThrow(CprError);
    expect(() => parseCpr('321190-1234')).toThrow(CprError);
    expect(() => parseCpr('011390-1234')).toThrow(CprError);
    expect(() => parseCpr('010090-1234')).toThrow(CprError);
  });

  it('knows leap years across centuries (1900 was not one, 2000 was)', () => {
    expect(() => parseCpr('290200-1234')).toThrow(CprError); // 7th digit 1 → 1900
    expect(parseCpr('290200-4234').birthDate).toBe('2000-02-29');
    expect(parseCpr('290296-1234').birthDate).toBe('1996-02-29');
    expect(() => parseCpr('290297-1234')).toThrow(CprError);
  });

  it('never rejects for modulus 11, only reports it', () => {
    // 4·0+3·7+2·0+7·7+6·6+5·1+4·4+3·2+2·8+1·5 = 154 = 11·14
    expect(parseCpr('070761-4285').modulus11).toBe(true);
    expect(parseCpr('070761-4286').modulus11).toBe(false);
    expect(isValidCpr('070761-4286')).toBe(true);
  });

  it('never echoes the number in its errors', () => {
    for (const bad of ['310290-1234', '311190-9876', '011390-5555', '12345', '010190-12a4', '920190-1234']) {
      try {
        parseCpr(bad);
        expect.unreachable(`${bad.length} chars should fail`);
      } catch (error) {
        expect(error).toBeInstanceOf(CprError);
        const message = (error as Error).message;
        expect(message).not.toContain(bad);
        expect(message).not.toMatch(/\d{4}/);
      }
    }
  });
});

describe('modulus 11 and sex', () => {
  it('computes modulus 11 with weights 4,3,2,7,6,5,4,3,2,1', () => {
    expect(passesModulus11('0707614285')).toBe(true);
    expect(passesModulus11('0707614284')).toBe(false);
    // 4·1+3·1+2·1+7·1+6·1+5·1+4·1+3·1+2·1+1·8 = 44 = 11·4
    expect(passesModulus11('1111111118')).toBe(true);
  });

  it('reads the sex from the last digit', () => {
    expect(cprSex('010190-1233')).toBe('male');
    expect(cprSex('010190-1234')).toBe('female');
    expect(cprSex('0101901230')).toBe('female');
  });
});

describe('substitute CPR numbers', () => {
  it('recognises day fields 61–91 on real dates only', () => {
    expect(isSubstituteCpr('670190-1234')).toBe(true);
    expect(isSubstituteCpr('610190-1234')).toBe(true);
    expect(isSubstituteCpr('910190-1234')).toBe(true);
    expect(parseCpr('670190-1234')).toMatchObject({ birthDate: '1990-01-07', substitute: true });
    expect(parseCpr('910190-1234').birthDate).toBe('1990-01-31');
    expect(isSubstituteCpr('070190-1234')).toBe(false); // a real-format number
    expect(isSubstituteCpr('600190-1234')).toBe(false); // day 00
    expect(isSubstituteCpr('920190-1234')).toBe(false); // day 32
    expect(isSubstituteCpr('910290-1234')).toBe(false); // 31 February
    expect(isSubstituteCpr('not a cpr')).toBe(false);
  });

  it('converts a real-format number by adding 6 to the first digit of the day', () => {
    expect(toSubstituteCpr('070190-1234')).toBe('6701901234');
    expect(toSubstituteCpr('0101901234')).toBe('6101901234');
    expect(toSubstituteCpr('311299-1234')).toBe('9112991234');
    expect(toSubstituteCpr('1505701234')).toBe('7505701234');
    expect(toSubstituteCpr('6701901234')).toBe('6701901234');
    expect(isSubstituteCpr(toSubstituteCpr('290296-1234'))).toBe(true);
    expect(() => toSubstituteCpr('000190-1234')).toThrow(CprError);
  });
});

describe('formatting and masking', () => {
  it('formats and masks', () => {
    expect(formatCpr('0101901234')).toBe('010190-1234');
    expect(maskCpr('0101901234')).toBe('010190-****');
    expect(maskCpr('010190-1234')).toBe('010190-****');
  });
});
