import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/** A new random token of 160 bits, base64url: for sessions, challenges, reset and recovery. */
export function newToken(bytes = 20): string {
  return randomBytes(bytes).toString('base64url');
}

/** The SHA-256 hex of a token; only this is stored. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Encrypts a small secret (a TOTP seed) with AES-256-GCM; returns iv.tag.ciphertext in base64url. */
export function encryptSecret(key: Buffer, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), data].map((b) => b.toString('base64url')).join('.');
}

/** Decrypts what encryptSecret produced; throws if it was altered or the key is wrong. */
export function decryptSecret(key: Buffer, sealed: string): string {
  const [iv, tag, data] = sealed.split('.').map((p) => Buffer.from(p, 'base64url'));
  if (!iv || !tag || !data) throw new Error('sealed secret is malformed');
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(data), decipher.final()]).toString('utf8');
}
