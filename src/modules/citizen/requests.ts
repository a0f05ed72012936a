// Formal requests from Min log (CIT-2): "Anmod om indsigt" (access to the log) and a request for rectification.
// The CPR number comes from the citizen session; the receipt carries only a reference number and the time.
import { randomBytes } from 'node:crypto';
import type { CitizenDeps } from './sessions.ts';

/** The kinds of request a citizen can make. */
export type CitizenRequestKind = 'access' | 'rectification';

/** A receipt for a stored request (shown to the citizen; no personal data beyond what they wrote). */
export interface CitizenRequestReceipt {
  reference: string;
  kind: CitizenRequestKind;
  receivedAt: string;
  message: string | null;
}

/** Raised when a request cannot be stored as given; the message is safe to show. */
export class CitizenRequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CitizenRequestError';
  }
}

/** Most characters a free-text message may have. */
export const MAX_REQUEST_MESSAGE = 4000;

// Reference alphabet without look-alikes (no 0/O, 1/I/L).
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

function reference(now: Date): string {
  const bytes = randomBytes(8);
  const code = [...bytes].map((b) => ALPHABET[b % ALPHABET.length]).join('');
  return `ML-${now.getUTCFullYear()}-${code}`;
}

/** Stores a formal request for the session's citizen, tells the DPO (without personal data), and returns the receipt. */
export async function submitCitizenRequest(deps: CitizenDeps, cpr: string, kind: CitizenRequestKind, message: string | null): Promise<CitizenRequestReceipt> {
  const text = message?.trim() ? message.trim() : null;
  if (kind === 'rectification' && text === null) throw new CitizenRequestError('Skriv, hvad der skal rettes.');
  if (text !== null && text.length > MAX_REQUEST_MESSAGE) throw new CitizenRequestError(`Teksten må højst være ${MAX_REQUEST_MESSAGE} tegn.`);
  const now = deps.now();
  const ref = reference(now);
  await deps.db.transaction().execute(async (trx) => {
    await trx.insertInto('citizen_access_request').values({ municipality: deps.municipality, id: ref, kind, cpr, message: text, created_at: now }).execute();
    await trx
      .insertInto('notification')
      .values({
        municipality: deps.municipality,
        recipient_user_id: null,
        recipient_role: 'dpo',
        kind: 'citizen-request',
        message: kind === 'access' ? `Ny anmodning om indsigt i log fra Min log (${ref}).` : `Ny anmodning om berigtigelse fra Min log (${ref}).`,
        read_at: null,
      })
      .execute();
  });
  return { reference: ref, kind, receivedAt: now.toISOString(), message: text };
}
