// Builds the web app once per e2e run, so the browser tier always tests the current sources (also on a fresh clone).
import { resolve } from 'node:path';
import { build } from 'vite';

export default async function setup(): Promise<void> {
  // Vitest sets NODE_ENV=test, which would give React's development build; test what users get.
  const previous = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: resolve(import.meta.dirname, '../../web/vite.config.ts'), mode: 'production', logLevel: 'warn' });
  } finally {
    process.env.NODE_ENV = previous;
  }
}
