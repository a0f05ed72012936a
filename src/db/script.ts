import { type Kysely, sql } from 'kysely';

/** Splits an SQL script into statements at top-level semicolons (outside quotes and $$ bodies). */
export function splitStatements(script: string): string[] {
  const statements: string[] = [];
  let current = '';
  let inDollar = false;
  let inQuote = false;
  let inLineComment = false;
  for (let i = 0; i < script.length; i++) {
    const ch = script[i]!;
    const next = script[i + 1];
    if (inLineComment) {
      if (ch === '\n') inLineComment = false;
      current += ch;
      continue;
    }
    if (!inDollar && !inQuote && ch === '-' && next === '-') inLineComment = true;
    else if (!inQuote && ch === '$' && next === '$') {
      inDollar = !inDollar;
      current += '$$';
      i++;
      continue;
    } else if (!inDollar && ch === "'") inQuote = !inQuote;
    else if (!inDollar && !inQuote && ch === ';') {
      if (current.trim()) statements.push(current.trim());
      current = '';
      continue;
    }
    current += ch;
  }
  if (current.trim()) statements.push(current.trim());
  return statements.filter((s) => s.split('\n').some((line) => line.trim() && !line.trim().startsWith('--')));
}

/** Runs a multi-statement SQL script one statement at a time (PGlite's extended protocol takes one per query). */
export async function runScript(db: Kysely<unknown>, script: string): Promise<void> {
  for (const statement of splitStatements(script)) {
    await sql.raw(statement).execute(db);
  }
}
