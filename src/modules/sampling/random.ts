// Randomness for sampling (CTL-1): a fresh 256-bit seed from the CSPRNG at draw time (never derived from the date),
// and a deterministic generator from that seed so a recorded draw can be replayed exactly for audit.
import { createHmac, randomBytes, randomInt } from 'node:crypto';

/** A new seed: 32 random bytes as 64 hex digits. */
export function newSeed(): string {
  return randomBytes(32).toString('hex');
}

/** A deterministic generator of uniform integers from a seed: HMAC-SHA256(seed, label ‖ counter), rejection-sampled. */
export interface SeededRandom {
  /** A uniform integer in [0, n). */
  int(n: number): number;
}

/** Creates the generator for one seed and purpose label (different labels give independent streams). */
export function seededRandom(seedHex: string, label: string): SeededRandom {
  const key = Buffer.from(seedHex, 'hex');
  let counter = 0;
  const next48 = (): number => {
    const block = createHmac('sha256', key).update(`${label}:${counter++}`).digest();
    return block.readUIntBE(0, 6); // 48 bits: exact in a double
  };
  return {
    int(n) {
      if (!Number.isInteger(n) || n < 1 || n > 2 ** 32) throw new RangeError('n must be an integer in [1, 2^32]');
      const limit = 2 ** 48 - (2 ** 48 % n);
      for (;;) {
        const x = next48();
        if (x < limit) return x % n;
      }
    },
  };
}

/** Picks k distinct indices of [0, n) in random order (partial Fisher–Yates). */
export function pickIndices(random: SeededRandom, n: number, k: number): number[] {
  const items = Array.from({ length: n }, (_, i) => i);
  const count = Math.min(k, n);
  for (let i = 0; i < count; i++) {
    const j = i + random.int(n - i);
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items.slice(0, count);
}

/** A whole number of days drawn uniformly in [min, max] with the CSPRNG (for the next sample date). */
export function randomDays(min: number, max: number): number {
  return randomInt(min, max + 1);
}
