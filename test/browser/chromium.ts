/**
 * Headless Chromium for the browser tests: Debian's /usr/bin/chromium driven by playwright-core
 * (never a downloaded browser), a fresh profile each launch, and a static server on 127.0.0.1.
 * Without chromium the tests skip with a message, except under CI=true, where that is a failure.
 */

import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** True when Chromium is there; false (with a message) to skip; throws under CI=true. */
export function haveChromium(): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env.CI === 'true')
    throw new Error(`${CHROMIUM} is missing; CI needs it (apt-get install chromium)`);
  console.warn(
    `browser tests skipped: ${CHROMIUM} not found (apt-get install chromium to run them)`,
  );
  return false;
}

/** A browser with a fresh user-data-dir; `close()` ends it and removes the profile. */
export async function launchChromium(): Promise<{
  context: BrowserContext;
  close: () => Promise<void>;
}> {
  const profile = mkdtempSync(join(tmpdir(), 'paycard-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    offline: false,
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Serves `routes` (path -> [type, body]) on 127.0.0.1; resolves the base URL and a closer. */
export async function serveStatic(
  routes: Map<string, [string, string | Buffer]>,
): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const route = routes.get((req.url ?? '/').split('?')[0]);
    if (!route) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, {
      'Content-Type': route[0],
      'Content-Security-Policy': "default-src 'self'",
    });
    res.end(route[1]);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

/** A file's text, for serving. */
export const text = (path: string) => readFileSync(path, 'utf8');
