// A Skjold-like ingest server in its own process, for the SIGKILL test: builds the real app on DATABASE_URL,
// listens on a free port and prints {"url": …} on one line. Run with: node --import tsx test/support/ingest-server.ts
import pino from 'pino';
import { loadConfig } from '../../src/config/index.ts';
import { openDatabase } from '../../src/db/index.ts';
import { buildApp } from '../../src/http/app.ts';

const url = process.env.DATABASE_URL;
const key = process.env.SKJOLD_SECRET_KEY;
if (!url || !key) {
  process.stderr.write('ingest-server: DATABASE_URL and SKJOLD_SECRET_KEY are required\n');
  process.exit(2);
}
const config = loadConfig({ SKJOLD_MODE: 'demo', LOG_LEVEL: 'silent', DATABASE_URL: url, PORT: '0', HOST: '127.0.0.1', SKJOLD_MUNICIPALITY: process.env.SKJOLD_MUNICIPALITY ?? '0336' });
const db = await openDatabase({ url, poolSize: 4 });
const identity = { db: db.db, municipality: config.municipality, secretKey: Buffer.from(key, 'base64'), now: () => new Date() };
const app = await buildApp({ config, db, identity, logger: pino({ level: 'silent' }), webDir: '/nonexistent' });
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
const port = typeof address === 'object' && address ? address.port : 0;
process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${port}` })}\n`);
