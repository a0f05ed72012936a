// Runs in its own process: fires N parallel login attempts at one user over its own connection pool,
// as another Skjold process would. Prints the statuses as JSON.
import { openDatabase } from '../../src/db/index.ts';
import { loginWithPassword } from '../../src/modules/identity/index.ts';

const [url, username, password, count, worker] = process.argv.slice(2);
const db = await openDatabase({ url: url!, poolSize: 8 });
const deps = { db: db.db, municipality: '0336', secretKey: Buffer.alloc(32, 7), now: () => new Date() };
const results = await Promise.all(
  Array.from({ length: Number(count) }, (_, i) => loginWithPassword(deps, { ip: `10.2.${worker}.${i}`, workstation: `ws:burst-${worker}-${i}` }, username!, password!)),
);
await db.close();
process.stdout.write(JSON.stringify(results.map((r) => r.status)));
