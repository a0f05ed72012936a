// CPR numbers (personnummer): parsing, validation, century, sex, modulus 11, the substitute rule and masking.
// Error messages never contain the number itself: a CPR number is confidential personal data.

/** Raised for a malformed or impossible CPR number; the message never echoes the number. */
export class CprError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'CprError';
  }
}

/** A sex as encoded by the last digit of a CPR number (odd = male, even = female). */
export type CprSex = 'male' | 'female';

/** A parsed CPR number: the normalised 10 digits and what they encode. */
export interface ParsedCpr {
  /** The 10 digits without hyphen. */
  cpr: string;
  /** The real birth date as YYYY-MM-DD (for substitute numbers, the day minus 60). */
  birthDate: string;
  /** The full birth year, with the century taken from the 7th digit. */
  birthYear: number;
  sex: CprSex;
  /** True when the day field follows the substitute rule (first digit + 6), i.e. a demo/test number. */
  substitute: boolean;
  /** True when the number satisfies modulus 11; false is a warning only, never a rejection. */
  modulus11: boolean;
}

const MOD11_WEIGHTS = [4, 3, 2, 7, 6, 5, 4, 3, 2, 1] as const;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
}

/** Strips one optional hyphen (DDMMYY-SSSS or DDMMYYSSSS) and checks there are 10 digits; throws CprError. */
export function normaliseCpr(input: string): string {
  const trimmed = input.trim();
  if (!/^\d{6}-?\d{4}$/.test(trimmed)) {
    throw new CprError('a CPR number must be 10 digits, written DDMMYY-SSSS or DDMMYYSSSS');
  }
  return trimmed.replace('-', '');
}

/** The full birth year from the two-digit year and the 7th digit (the domain README's century table). */
export function cprBirthYear(yy: number, seventhDigit: number): number {
  if (!Number.isInteger(yy) || yy < 0 || yy > 99 || !Number.isInteger(seventhDigit) || seventhDigit < 0 || seventhDigit > 9) {
    throw new CprError('year and 7th digit must be digits');
  }
  if (seventhDigit <= 3) return 1900 + yy;
  if (seventhDigit === 4 || seventhDigit === 9) return yy <= 36 ? 2000 + yy : 1900 + yy;
  return yy <= 57 ? 2000 + yy : 1800 + yy;
}

/** The sex encoded by the last digit: odd = male, even = female. */
export function cprSex(cpr: string): CprSex {
  const last = Number(normaliseCpr(cpr).charAt(9));
  return last % 2 === 1 ? 'male' : 'female';
}

/** True when the number satisfies modulus 11 (weights 4,3,2,7,6,5,4,3,2,1); use for warnings only. */
export function passesModulus11(cpr: string): boolean {
  const digits = normaliseCpr(cpr);
  let sum = 0;
  for (let i = 0; i < 10; i++) sum += Number(digits.charAt(i)) * MOD11_WEIGHTS[i]!;
  return sum % 11 === 0;
}

function hasSubstituteDay(digits: string): boolean {
  const day = Number(digits.slice(0, 2));
  return day >= 61 && day <= 91;
}

/** True for a valid CPR number whose day field follows the substitute rule (61–91 = real day 01–31 with first digit + 6); false for anything else. */
export function isSubstituteCpr(cpr: string): boolean {
  try {
    return parseCpr(cpr).substitute;
  } catch {
    return false;
  }
}

/** Converts a (real-format) CPR number to its substitute form by adding 6 to the day's first digit; substitute input is returned unchanged. */
export function toSubstituteCpr(cpr: string): string {
  const digits = normaliseCpr(cpr);
  if (hasSubstituteDay(digits)) return digits;
  const day = Number(digits.slice(0, 2));
  if (day < 1 || day > 31) throw new CprError('the day of a CPR number must be 01–31');
  return String(day + 60) + digits.slice(2);
}

/** Parses and validates a CPR number (hyphen optional, substitute days accepted); throws CprError without echoing the number. */
export function parseCpr(input: string): ParsedCpr {
  const cpr = normaliseCpr(input);
  const substitute = hasSubstituteDay(cpr);
  const dayField = Number(cpr.slice(0, 2));
  const day = substitute ? dayField - 60 : dayField;
  const month = Number(cpr.slice(2, 4));
  const yy = Number(cpr.slice(4, 6));
  const birthYear = cprBirthYear(yy, Number(cpr.charAt(6)));
  if (month < 1 || month > 12) throw new CprError('the month of a CPR number must be 01–12');
  if (day < 1 || day > daysInMonth(birthYear, month)) throw new CprError('the birth date of the CPR number does not exist');
  const birthDate = `${birthYear}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return { cpr, birthDate, birthYear, sex: cprSex(cpr), substitute, modulus11: passesModulus11(cpr) };
}

/** True when input parses as a CPR number (real or substitute); never throws. */
export function isValidCpr(input: string): boolean {
  try {
    parseCpr(input);
    return true;
  } catch {
    return false;
  }
}

/** Formats 10 digits as DDMMYY-SSSS. */
export function formatCpr(cpr: string): string {
  const digits = normaliseCpr(cpr);
  return `${digits.slice(0, 6)}-${digits.slice(6)}`;
}

/** Masks the serial for lists: 010190-****. */
export function maskCpr(cpr: string): string {
  return `${normaliseCpr(cpr).slice(0, 6)}-****`;
}
