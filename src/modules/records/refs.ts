// Opaque citizen refs: a CPR number never appears in a URL, so follow-up calls name a citizen by a ref that only the
// server can read — AES-256-GCM of the CPR under a key derived from the server's secret, bound to the municipality.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const IV_BYTES = 12;
const TAG_BYTES = 16;
const CPR_BYTES = 10;
const REF_PATTERN = /^[A-Za-z0-9_-]{1,200}$/;

/** Derives the ref key from the server's secret key (a separate key per purpose). */
export function deriveRefKey(secretKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', secretKey, Buffer.alloc(0), 'skjold citizen ref v1', 32));
}

/** An opaque, URL-safe ref for a citizen (a fresh random IV each time, so refs do not correlate across screens). */
export function citizenRef(key: Buffer, municipality: string, cpr: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(`citizen:${municipality}`));
  const body = Buffer.concat([cipher.update(cpr, 'ascii'), cipher.final()]);
  return Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url');
}

/** The CPR a ref stands for, or undefined for a ref that is malformed, forged or from another municipality. */
export function resolveCitizenRef(key: Buffer, municipality: string, ref: string): string | undefined {
  if (!REF_PATTERN.test(ref)) return undefined;
  const raw = Buffer.from(ref, 'base64url');
  if (raw.length !== IV_BYTES + CPR_BYTES + TAG_BYTES) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(`citizen:${municipality}`));
    decipher.setAuthTag(raw.subarray(IV_BYTES + CPR_BYTES));
    const cpr = Buffer.concat([decipher.update(raw.subarray(IV_BYTES, IV_BYTES + CPR_BYTES)), decipher.final()]).toString('ascii');
    return /^\d{10}$/.test(cpr) ? cpr : undefined;
  } catch {
    return undefined;
  }
}
