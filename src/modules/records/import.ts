// Reference data import (issue 4, item 8): shared parts of `skjold import citizens|employees|cases`.
// Every line of a JSON Lines file is validated on its own (zod, then checks against the file and the database);
// an invalid line is named by its line number and a reason that never echoes a value (a CPR number is personal data);
// valid lines are stored in one transaction per chunk of 1,000 lines, so no line is ever half-stored.
import { z } from 'zod';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/index.ts';
import { CprError, normaliseCpr, parseCpr } from '../reference/cpr.ts';
import { municipality as findMunicipality } from '../reference/index.ts';

/** The kinds of reference data `skjold import` reads. */
export const IMPORT_KINDS = ['citizens', 'employees', 'cases'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** True when value names an import kind. */
export function isImportKind(value: string): value is ImportKind {
  return (IMPORT_KINDS as readonly string[]).includes(value);
}

/** Lines per transaction. */
export const IMPORT_CHUNK_LINES = 1_000;

/** A rejected line: its 1-based line number in the file and why (never echoing a value). */
export interface ImportRejection {
  line: number;
  reason: string;
}

/** The outcome of one import: new rows, updated rows, rejected lines, and remarks that are not rejections. */
export interface ImportSummary {
  kind: ImportKind;
  inserted: number;
  updated: number;
  rejected: ImportRejection[];
  /** Further counts, e.g. relations stored (Danish, for the CLI). */
  notes: string[];
}

/** Options of every import: the municipality the data belongs to, and the clock (for "in the future" checks). */
export interface ImportOptions {
  municipality: string;
  now?: Date;
}

/** A usage error (unknown kind, missing file, unknown municipality): exit status 2, nothing read. */
export class ImportUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportUsageError';
  }
}

/** One non-blank line of the file with its 1-based number. */
export interface NumberedLine {
  line: number;
  text: string;
}

/** Splits a JSON Lines text into numbered, non-blank lines (a UTF-8 BOM and CR line ends are tolerated). */
export function numberedLines(text: string): NumberedLine[] {
  const out: NumberedLine[] = [];
  const lines = text.replace(/^\uFEFF/, '').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const trimmed = lines[i]!.trim();
    if (trimmed) out.push({ line: i + 1, text: trimmed });
  }
  return out;
}

/** Parses and validates one line against a schema; the reason names the field and the problem, never the value. */
export function validateLine<S extends z.ZodType>(schema: S, text: string): { ok: true; value: z.output<S> } | { ok: false; reason: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'is not valid JSON' };
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = issue.path.map(String).join('.');
    return { ok: false, reason: path ? `${path}: ${issue.message}` : issue.message };
  }
  return { ok: true, value: parsed.data };
}

/** Splits items into chunks of at most size. */
export function chunked<T>(items: readonly T[], size = IMPORT_CHUNK_LINES): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The calendar date of now (UTC) as YYYY-MM-DD. */
export function isoDay(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/** Makes sure the municipality row exists (every table references it); throws ImportUsageError for an unknown code. */
export async function ensureMunicipality(db: Kysely<Database>, code: string): Promise<void> {
  const m = findMunicipality(code);
  if (!m) throw new ImportUsageError('kommunekoden er ikke en af de 98 kommunekoder');
  await db.insertInto('municipality').values({ code: m.code, name: m.name }).onConflict((oc) => oc.column('code').doNothing()).execute();
}

/** The messages zod uses for a missing value and a wrong type. */
export const required = (what: string) => ({ error: (issue: { input: unknown }) => (issue.input === undefined || issue.input === null ? 'is required' : `must be ${what}`) });

const LONE_SURROGATE_OR_NUL = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|\u0000/;

/** A non-empty, trimmed string of at most max characters. */
export const text = (max: number) =>
  z
    .string(required('a string'))
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    .refine((s) => !LONE_SURROGATE_OR_NUL.test(s), 'contains characters that cannot be stored');

/** An identifier: 1–128 characters without spaces or control characters. */
export const identifier = z
  .string(required('a string'))
  .min(1, 'must not be empty')
  .max(128, 'must be at most 128 characters')
  .regex(/^[^\s\u0000-\u001f]+$/, 'must not contain spaces or control characters');

/** A CPR number (real or substitute, hyphen optional), normalised to 10 digits; modulus 11 is never checked. */
export const cprField = z.string(required('a CPR number (DDMMYY-SSSS)')).transform((value, ctx) => {
  try {
    return parseCpr(normaliseCpr(value)).cpr;
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: error instanceof CprError ? `is not a valid CPR number (${error.message})` : 'is not a valid CPR number' });
    return z.NEVER;
  }
});

/** A calendar date YYYY-MM-DD that exists. */
export const dateField = z
  .string(required('a date YYYY-MM-DD'))
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine((v) => {
    const d = new Date(`${v}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
  }, 'is not a date that exists');

/** A Danish postal address. */
export const addressSchema = z.object(
  {
    street: text(200),
    postcode: z.string(required('a 4-digit postcode')).regex(/^\d{4}$/, 'must be a 4-digit postcode'),
    city: text(100),
  },
  required('an object with street, postcode and city'),
);

/** Rows affected by an upsert: `inserted` is true for new rows (xmax = 0), false for updated ones. */
export function countUpserts(rows: readonly { inserted: boolean | string | null }[]): { inserted: number; updated: number } {
  let inserted = 0;
  for (const r of rows) if (r.inserted === true || r.inserted === 't' || r.inserted === 'true') inserted++;
  return { inserted, updated: rows.length - inserted };
}
