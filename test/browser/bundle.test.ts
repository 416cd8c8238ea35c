/**
 * The core, bundled for browsers by scripts/build-web.mjs (npm run build), loaded in headless
 * Chromium from a server on 127.0.0.1: it reads public transcripts with the same results as in
 * Node, and the bridge adapters work there too. The build itself refuses Node built-ins.
 */

import { build } from 'esbuild';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, requireShared } from '../shared.js';
import { haveChromium, launchChromium, serveStatic } from './chromium.js';
import { summary } from './summary.mjs';

const shared = requireShared();
const BUNDLE = join(repoRoot, 'dist', 'browser');
const DATE = '2025-06-01T12:00:00.000Z';

/** What test/browser/probe.mjs puts on `window`. */
interface Probe {
  probe: {
    readAll(texts: string[], date: string): Promise<ReturnType<typeof summary>[]>;
    bridge(text: string): Promise<{ pan: string; code?: string; typed: boolean }>;
  };
}

const TRANSCRIPTS = [
  join(repoRoot, 'fixtures', 'demo-visa-ppse.apdu'),
  join(repoRoot, 'fixtures', 'amex-probe.apdu'),
  join(repoRoot, 'fixtures', 'mastercard-contact-pse-t0.apdu'),
  ...(shared
    ? [
        'amex-test-card-cda',
        'mastercard-test-card-contactless-cda',
        'visa-no-ppse-aid-probe',
        'applepay-visa-locked-6986',
      ].map((n) => join(shared, 'fixtures', 'transcripts', `${n}.apdu`))
    : []),
];

describe.skipIf(!haveChromium())('core bundle in headless Chromium', () => {
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  let server: Awaited<ReturnType<typeof serveStatic>>;

  beforeAll(async () => {
    if (!existsSync(join(BUNDLE, 'paycard.js'))) {
      throw new Error('dist/browser/paycard.js is missing: run npm run build (npm test does)');
    }
    const routes = new Map<string, [string, string]>();
    const here = join(repoRoot, 'test', 'browser');
    routes.set('/', [
      'text/html',
      '<!doctype html><title>paycard bundle test</title><body><script type="module" src="/probe.mjs"></script>',
    ]);
    routes.set('/probe.mjs', ['text/javascript', readFileSync(join(here, 'probe.mjs'), 'utf8')]);
    routes.set('/summary.mjs', [
      'text/javascript',
      readFileSync(join(here, 'summary.mjs'), 'utf8'),
    ]);
    for (const f of [
      'paycard.js',
      'adapters.js',
      ...readdir(BUNDLE).filter((n) => n.startsWith('chunk-')),
    ]) {
      routes.set(`/${f}`, ['text/javascript', readFileSync(join(BUNDLE, f), 'utf8')]);
    }
    [server, browser] = await Promise.all([serveStatic(routes), launchChromium()]);
  }, 60000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('reads every transcript as Node does (Amex test card: 374245*****1007)', async () => {
    const page = await browser.context.newPage();
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(`${server.url}/`);

    const texts = TRANSCRIPTS.map((p) => readFileSync(p, 'utf8'));
    await page.waitForSelector('body[data-ready="yes"]', { state: 'attached', timeout: 5000 });
    const inBrowser = await page.evaluate(
      ({ texts, date }) => (window as unknown as Probe).probe.readAll(texts, date),
      { texts, date: DATE },
    );

    // Node runs the same build's ES output (dist/), not src/, so both sides are one build.
    const node: typeof import('../../src/index.js') = await import(
      join(repoRoot, 'dist', 'index.js')
    );
    const inNode = [];
    for (const text of texts) {
      const r = await node.readCard(node.createTranscriptCard(node.parseTranscript(text)), {
        date: new Date(DATE),
        random: (n) => new Uint8Array(n),
      });
      inNode.push(summary(r, node.toHex, node.maskPan));
    }

    expect(inBrowser).toEqual(inNode);
    expect(inBrowser[0].masked).toBe('411111******1111');
    if (shared) expect(inBrowser[3].masked).toBe('374245*****1007');
    expect(requests.every((u) => u.startsWith(server.url))).toBe(true);
    await page.close();
  });

  it('drives a bridge adapter there: signed bytes in, typed errors out', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.url}/`);
    const text = readFileSync(TRANSCRIPTS[0], 'utf8');

    await page.waitForSelector('body[data-ready="yes"]', { state: 'attached', timeout: 5000 });
    const got = await page.evaluate(
      (text) => (window as unknown as Probe).probe.bridge(text),
      text,
    );

    expect(got).toEqual({ pan: '411111******1111', code: 'CARD_REMOVED', typed: true });
    await page.close();
  });
});

describe('browser build', () => {
  it('fails when a Node built-in is imported', async () => {
    const { nodeBuiltinGuard } = await import('../../scripts/build-web.mjs');
    const dir = mkdtempSync(join(tmpdir(), 'paycard-guard-'));
    try {
      const entry = join(dir, 'entry.ts');
      writeFileSync(entry, "import { readFileSync } from 'fs';\nexport const x = readFileSync;\n");
      await expect(
        build({
          entryPoints: [entry],
          bundle: true,
          platform: 'browser',
          format: 'esm',
          write: false,
          logLevel: 'silent',
          plugins: [nodeBuiltinGuard],
        }),
      ).rejects.toThrow(/Node built-in "fs"/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.skipIf(!existsSync(join(BUNDLE, 'paycard.js')) && process.env.CI !== 'true')(
    'leaves no Node import in the bundles',
    () => {
      for (const f of readdir(BUNDLE).filter((n) => n.endsWith('.js'))) {
        const js = readFileSync(join(BUNDLE, f), 'utf8');
        expect(js).not.toMatch(/from\s*["']node:|import\(["']node:|\brequire\(/);
      }
    },
  );
});

function readdir(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir) : [];
}
