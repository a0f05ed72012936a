// Ingest of access-log records from other systems (LOG-6): parse a batch (JSON array or JSON Lines), validate each
// record per ../shared/spec/access-log-record.md, store the valid ones through appendAccessRecords in one
// transaction (acknowledged = committed), and name every invalid one with its reason. Reasons never echo values,
// so no CPR number reaches a response or a log line.
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../db/schema.ts';
import { parseCpr } from '../reference/cpr.ts';
import { isKleFormat, kleTitle } from '../reference/index.ts';
import { accessActions, appendAccessRecords, type AccessRecord } from './access-log.ts';

/** At most this many records per batch. */
export const MAX_BATCH_RECORDS = 10_000;
/** At most this many bytes per batch body. */
export const MAX_BATCH_BYTES = 5 * 1024 * 1024;
/** The earliest time a record may carry (1970-01-01). */
export const MIN_TIME_MS = 0;
/** How far in the future a record's time may lie (clock skew). */
export const MAX_FUTURE_MS = 5 * 60 * 1000;

/** What ingest needs: the database, the server key (for checkpoints) and a clock. */
export interface IngestDeps {
  db: Kysely<Database>;
  secretKey: Buffer;
  now: () => Date;
}

/** The authenticated sending system a batch comes from. */
export interface IngestSource {
  municipality: string;
  key: string;
}

/** One rejected record: its 0-based position in the batch, its id when it had one, and why. */
export interface Rejection {
  index: number;
  id?: string;
  reason: string;
}

/** The answer to a batch: newly stored, already stored (same system and id), and rejected with reasons. */
export interface IngestSummary {
  accepted: number;
  duplicates: number;
  rejected: Rejection[];
}

/** A batch over the limits (records or bytes); nothing of it is stored. */
export class BatchTooLargeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BatchTooLargeError';
  }
}

/** A body that is neither a JSON array nor JSON Lines. */
export class BatchFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BatchFormatError';
  }
}

/** A line of a JSON Lines body that did not parse; kept so the record is rejected by position, not the batch. */
export class UnparsableItem {
  readonly reason = 'is not valid JSON';
}

const LONE_SURROGATE_OR_NUL = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|\u0000/;
const wellFormed = (s: string) => !LONE_SURROGATE_OR_NUL.test(s);
const required = (what: string) => ({ error: (issue: { input: unknown }) => (issue.input === undefined || issue.input === null ? 'is required' : `must be ${what}`) });
const text = (max: number) =>
  z
    .string(required('a string'))
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    .refine(wellFormed, 'contains characters that cannot be stored');
const optionalText = (max: number) => text(max).nullish();

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?([Zz]|([+-])(\d{2}):(\d{2}))$/;

/** Parses an RFC 3339 timestamp with an offset (Z or ±hh:mm); undefined when malformed or impossible. */
export function parseRfc3339(value: string): Date | undefined {
  const m = RFC3339.exec(value);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 60) return undefined;
  if (day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return undefined;
  if (m[9] && (Number(m[10]) > 23 || Number(m[11]) > 59)) return undefined;
  const ms = Date.parse(value.replace(' ', 'T').replace(/(\.\d{3})\d+/, '$1'));
  return Number.isNaN(ms) ? undefined : new Date(ms);
}

function validCpr(value: string): boolean {
  if (!/^\d{10}$/.test(value)) return false;
  try {
    parseCpr(value); // a real (or substitute) birth date; modulus 11 is never a reason to reject
    return true;
  } catch {
    return false;
  }
}

const recordSchema = z
  .object({
    id: z.string(required('a string')).min(1, 'must be 1–128 characters').max(128, 'must be 1–128 characters').refine(wellFormed, 'contains characters that cannot be stored'),
    time: z.string(required('an RFC 3339 timestamp')).refine((v) => parseRfc3339(v) !== undefined, 'must be an RFC 3339 timestamp with offset, e.g. 2026-11-20T09:14:03+01:00'),
    system: text(64),
    user: z.object({ id: text(128), unit: optionalText(128) }, required('an object with id')),
    workstation: optionalText(128),
    ip: optionalText(64),
    action: z.enum(accessActions, { error: (issue) => (issue.input === undefined ? 'is required' : `must be one of ${accessActions.join(', ')}`) }),
    subject: z
      .object({ cpr: z.string(required('a string of 10 digits')).refine(validCpr, 'must be a CPR number: 10 digits without hyphen (DDMMYYSSSS) with a real birth date') }, required('an object with cpr'))
      .nullish(),
    query: optionalText(2000),
    resultCount: z.number({ error: 'must be a whole number ≥ 0' }).int('must be a whole number ≥ 0').min(0, 'must be a whole number ≥ 0').max(2_147_483_647, 'is too large').nullish(),
    case: z
      .object(
        {
          id: optionalText(128),
          kle: z
            .string({ error: 'must be a KLE number' })
            .refine(isKleFormat, 'must be a KLE number NN, NN.NN or NN.NN.NN')
            .refine((v) => !isKleFormat(v) || kleTitle(v) !== undefined, 'is not a known KLE main group')
            .nullish(),
          facet: optionalText(16),
          status: z.enum(['open', 'closed'], { error: 'must be open or closed' }).nullish(),
        },
        { error: 'must be an object' },
      )
      .nullish(),
    purpose: optionalText(1000),
    outcome: z.enum(['ok', 'denied'], { error: 'must be ok or denied' }).nullish(),
  }, { error: 'must be a JSON object' })
  .refine((r) => Boolean(r.subject) || Boolean(r.query), { message: 'a record needs subject (the person) or query (the search criterion)', path: ['subject'] });

const ACTIONS: ReadonlySet<unknown> = new Set(accessActions);
type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const absent = (v: unknown) => v === undefined || v === null;
const okText = (v: unknown, max: number): v is string => typeof v === 'string' && v.length >= 1 && v.length <= max && wellFormed(v);
const okOptional = (v: unknown, max: number) => absent(v) || okText(v, max);
const orNull = <T>(v: T | undefined | null): T | null => (v === undefined ? null : v);

/**
 * The fast path of validation: returns the record when the input is plainly valid, else undefined and the zod
 * schema (which names the reason) decides. Strictly a subset of the schema (test/unit/access-log-hash.test.ts).
 */
export function fastValidate(input: unknown, sourceKey: string, now: Date): AccessRecord | undefined {
  if (!isObj(input)) return undefined;
  const { id, time, system, user, workstation, ip, action, subject, query, resultCount, purpose, outcome } = input;
  const kase = input.case;
  if (!okText(id, 128) || typeof time !== 'string' || system !== sourceKey || !isObj(user) || !okText(user.id, 128) || !okOptional(user.unit, 128)) return undefined;
  if (!okOptional(workstation, 128) || !okOptional(ip, 64) || !ACTIONS.has(action) || !okOptional(query, 2000) || !okOptional(purpose, 1000)) return undefined;
  if (!absent(subject) && !(isObj(subject) && typeof subject.cpr === 'string' && validCpr(subject.cpr))) return undefined;
  if (!subject && !query) return undefined;
  if (!absent(resultCount) && !(typeof resultCount === 'number' && Number.isSafeInteger(resultCount) && resultCount >= 0 && resultCount <= 2_147_483_647)) return undefined;
  if (!absent(outcome) && outcome !== 'ok' && outcome !== 'denied') return undefined;
  if (!absent(kase)) {
    if (!isObj(kase) || !okOptional(kase.id, 128) || !okOptional(kase.facet, 16)) return undefined;
    if (!absent(kase.kle) && !(typeof kase.kle === 'string' && isKleFormat(kase.kle) && kleTitle(kase.kle) !== undefined)) return undefined;
    if (!absent(kase.status) && kase.status !== 'open' && kase.status !== 'closed') return undefined;
  }
  const at = parseRfc3339(time);
  if (!at || at.getTime() > now.getTime() + MAX_FUTURE_MS || at.getTime() < MIN_TIME_MS) return undefined;
  const c = kase as Obj | null | undefined;
  return {
    id,
    time: at,
    system: sourceKey,
    user: { id: user.id as string, unit: orNull(user.unit as string | undefined) },
    workstation: orNull(workstation as string | undefined),
    ip: orNull(ip as string | undefined),
    action: action as AccessRecord['action'],
    subject: subject ? { cpr: (subject as Obj).cpr as string } : null,
    query: orNull(query as string | undefined),
    resultCount: orNull(resultCount as number | undefined),
    case: c ? { id: orNull(c.id as string | undefined), kle: orNull(c.kle as string | undefined), facet: orNull(c.facet as string | undefined), status: orNull(c.status as 'open' | 'closed' | undefined) } : null,
    purpose: orNull(purpose as string | undefined),
    outcome: (outcome as 'ok' | 'denied' | null | undefined) ?? 'ok',
  };
}

/** Validates one record for a system at a time; returns the record or the reason it is invalid (never echoing values). */
export function validateRecord(input: unknown, source: Pick<IngestSource, 'key'>, now: Date): { ok: true; record: AccessRecord } | { ok: false; reason: string } {
  if (input instanceof UnparsableItem) return { ok: false, reason: input.reason };
  const fast = fastValidate(input, source.key, now);
  if (fast) return { ok: true, record: fast };
  return validateSlow(input, source, now);
}

/** Validation through the zod schema: the authority on validity and the source of every reason. */
export function validateSlow(input: unknown, source: Pick<IngestSource, 'key'>, now: Date): { ok: true; record: AccessRecord } | { ok: false; reason: string } {
  const parsed = recordSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = issue.path.map(String).join('.');
    return { ok: false, reason: path ? `${path}: ${issue.message}` : issue.message };
  }
  const r = parsed.data;
  const time = parseRfc3339(r.time)!;
  if (time.getTime() > now.getTime() + MAX_FUTURE_MS) return { ok: false, reason: 'time: lies more than 5 minutes in the future' };
  if (time.getTime() < MIN_TIME_MS) return { ok: false, reason: 'time: lies before 1970' };
  if (r.system !== source.key) return { ok: false, reason: `system: is not the system the credential belongs to (${source.key})` };
  return {
    ok: true,
    record: {
      id: r.id,
      time,
      system: r.system,
      user: { id: r.user.id, unit: r.user.unit ?? null },
      workstation: r.workstation ?? null,
      ip: r.ip ?? null,
      action: r.action,
      subject: r.subject ? { cpr: r.subject.cpr } : null,
      query: r.query ?? null,
      resultCount: r.resultCount ?? null,
      case: r.case ? { id: r.case.id ?? null, kle: r.case.kle ?? null, facet: r.case.facet ?? null, status: r.case.status ?? null } : null,
      purpose: r.purpose ?? null,
      outcome: r.outcome ?? 'ok',
    },
  };
}

/** Splits a JSON Lines text into items; a line that does not parse becomes an UnparsableItem (rejected by position). */
export function parseJsonLines(body: string): unknown[] {
  const items: unknown[] = [];
  for (const line of body.split('\n')) {
    const trimmed = line.trim();
    if (!trimmed) continue;
    try {
      items.push(JSON.parse(trimmed));
    } catch {
      items.push(new UnparsableItem());
    }
  }
  return items;
}

/** Parses a batch body: JSON Lines for application/x-ndjson (or when it does not start with '['), else a JSON array. */
export function parseBatch(body: string, format: 'json' | 'ndjson' | 'auto' = 'auto'): unknown[] {
  if (Buffer.byteLength(body, 'utf8') > MAX_BATCH_BYTES) throw new BatchTooLargeError(tooLargeMessage());
  const isArray = format === 'json' || (format === 'auto' && body.trimStart().startsWith('['));
  if (!isArray) return parseJsonLines(body);
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new BatchFormatError('The body is not valid JSON: send a JSON array of records, or JSON Lines as application/x-ndjson.');
  }
  if (!Array.isArray(parsed)) throw new BatchFormatError('The body must be a JSON array of records, or JSON Lines as application/x-ndjson.');
  return parsed;
}

function tooLargeMessage(): string {
  return `A batch may hold at most ${MAX_BATCH_RECORDS.toLocaleString('en')} records and ${MAX_BATCH_BYTES / 1024 / 1024} MB; split it. Nothing was stored.`;
}

/** Validates a batch from an authenticated system and stores its valid records in one transaction; committed on return. */
export async function ingestBatch(deps: IngestDeps, source: IngestSource, items: readonly unknown[]): Promise<IngestSummary> {
  if (items.length > MAX_BATCH_RECORDS) throw new BatchTooLargeError(tooLargeMessage());
  const now = deps.now();
  const rejected: Rejection[] = [];
  const valid: AccessRecord[] = [];
  items.forEach((item, index) => {
    const result = validateRecord(item, source, now);
    if (result.ok) valid.push(result.record);
    else {
      const id = item && typeof item === 'object' && typeof (item as { id?: unknown }).id === 'string' ? (item as { id: string }).id : undefined;
      rejected.push({ index, ...(id !== undefined && id.length <= 128 && wellFormed(id) ? { id } : {}), reason: result.reason });
    }
  });
  if (valid.length === 0) return { accepted: 0, duplicates: 0, rejected };
  const result = await deps.db.transaction().execute((trx) => appendAccessRecords(trx, source.municipality, valid, { now: () => now, checkpoint: { key: deps.secretKey } }));
  return { accepted: result.stored, duplicates: result.duplicates, rejected };
}
