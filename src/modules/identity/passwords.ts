import { hash, verify, Algorithm } from '@node-rs/argon2';

/** argon2id parameters from the Copenhagen Book / OWASP: 19 MiB, 2 iterations, 1 lane. */
export const argon2Params = { algorithm: Algorithm.Argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

/** Hashes a password with argon2id. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, argon2Params);
}

// A real hash to verify against when the user does not exist, so timing does not reveal the account.
let dummyHash: Promise<string> | undefined;

/** Verifies a password; with no stored hash it still spends the same time and returns false. */
export async function verifyPassword(storedHash: string | null | undefined, password: string): Promise<boolean> {
  if (!storedHash) {
    dummyHash ??= hashPassword('skjold-dummy-password-for-timing');
    await verify(await dummyHash, password).catch(() => false);
    return false;
  }
  try {
    return await verify(storedHash, password);
  } catch {
    return false;
  }
}

// Passwords seen again and again in breach corpora, Danish ones included. Compared case-insensitively after
// stripping digits and symbols at the ends, so "Sommer2024!" is caught through "sommer".
const weakWords = new Set([
  'password', 'passw0rd', 'adgangskode', 'kodeord', 'qwerty', 'qwertyuiop', 'asdfgh', 'zxcvbn', 'letmein', 'welcome',
  'velkommen', 'admin', 'administrator', 'sommer', 'vinter', 'foraar', 'forår', 'efteraar', 'efterår', 'summer', 'winter',
  'spring', 'autumn', 'january', 'januar', 'februar', 'marts', 'april', 'maj', 'juni', 'juli', 'august', 'september',
  'oktober', 'november', 'december', 'monkey', 'dragon', 'football', 'fodbold', 'iloveyou', 'elskerdig', 'hejmeddig',
  'kommune', 'borgerservice', 'danmark', 'denmark', 'kobenhavn', 'københavn', 'aarhus', 'odense', 'skjold', 'secret',
  'hemmelig', 'changeme', 'trustno1', 'master', 'login', 'abc', 'test', 'testtest', 'superman', 'batman', 'princess',
]);

const keyboardRuns = ['qwertyuiopå', 'asdfghjklæø', 'zxcvbnm', '1234567890', 'abcdefghijklmnopqrstuvwxyz'];

/** Why a password is refused, in Danish for the user; empty when it is acceptable. */
export function passwordProblems(password: string, context: { username: string; fullName?: string }): string[] {
  const problems: string[] = [];
  const lower = password.toLowerCase();
  if (password.length < 12) problems.push('Adgangskoden skal være mindst 12 tegn.');
  if (password.length > 256) problems.push('Adgangskoden må højst være 256 tegn.');
  if (new Set(password).size < 5) problems.push('Adgangskoden har for få forskellige tegn.');
  const core = lower.replace(/^[^a-zæøå]+|[^a-zæøå]+$/g, '');
  if (weakWords.has(core) || weakWords.has(lower)) problems.push('Adgangskoden er kendt fra lister over lækkede adgangskoder.');
  if (/^(.{1,3})\1+$/.test(lower)) problems.push('Adgangskoden må ikke bestå af gentagelser.');
  for (const run of keyboardRuns) {
    for (let i = 0; i + 6 <= run.length; i++) {
      if (lower.includes(run.slice(i, i + 6))) {
        problems.push('Adgangskoden må ikke indeholde tastatur- eller talrækker.');
        break;
      }
    }
  }
  const names = [context.username, ...(context.fullName ?? '').split(/\s+/)].map((n) => n.toLowerCase()).filter((n) => n.length >= 3);
  if (names.some((n) => lower.includes(n))) problems.push('Adgangskoden må ikke indeholde dit brugernavn eller navn.');
  return [...new Set(problems)];
}
