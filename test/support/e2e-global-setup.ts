// Builds the web app once per e2e run, so the browser tier always tests the current sources (also on a fresh clone).
import { resolve } from 'node:path';
import { build } from 'vite';

export default async function setup(): Promise<void> {
  await build({ configFile: resolve(import.meta.dirname, '../../web/vite.config.ts'), logLevel: 'warn' });
}
