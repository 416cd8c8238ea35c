/**
 * The offline page as a user meets it: `paycard web --port 0` started as a process, the page
 * opened in headless Chromium. Paste hex and see named, decoded elements; choose or drop a
 * transcript and see each command with its status word in words and the PAN masked; nothing
 * requested from anywhere but the page's own server; Ctrl-C ends the server cleanly.
 */

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, requireShared } from '../shared.js';
import { haveChromium, launchChromium } from './chromium.js';

const shared = requireShared();
const DEMO = join(repoRoot, 'fixtures', 'demo-visa-ppse.apdu');
const AMEX = shared ? join(shared, 'fixtures', 'transcripts', 'amex-test-card-cda.apdu') : null;
const PAGE = join(repoRoot, 'dist', 'browser', 'web', 'index.html');

/** Starts `paycard web --port 0` and resolves its address from the first line it prints. */
function startServer(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(
    process.execPath,
    [join(repoRoot, 'bin', 'paycard.js'), 'web', '--port', '0'],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(
      () => reject(new Error(`paycard web printed no address: ${out} ${err}`)),
      10000,
    );
    child.stderr!.on('data', (d) => (err += d));
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /paycard web: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1] });
      }
    });
    child.on('exit', (code) => reject(new Error(`paycard web exited ${code}: ${err}`)));
  });
}

function getStatus(url: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    request(url, { headers: { Host: host } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    })
      .on('error', reject)
      .end();
  });
}

describe.skipIf(!haveChromium())('offline page (paycard web) in headless Chromium', () => {
  let server: { child: ChildProcess; url: string };
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  let page: Page;
  const requests: string[] = [];
  const problems: string[] = [];

  beforeAll(async () => {
    if (!existsSync(PAGE))
      throw new Error('dist/browser/web is missing: run npm run build (npm test does)');
    [server, browser] = await Promise.all([startServer(), launchChromium()]);
    page = await browser.context.newPage();
    page.on('request', (r) => requests.push(r.url()));
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text());
    });
  }, 60000);

  afterAll(async () => {
    await browser?.close();
    if (server && server.child.exitCode === null) server.child.kill('SIGTERM');
  });

  it('serves the page with a strict Content-Security-Policy, and says nothing leaves the machine', async () => {
    const response = await page.goto(server.url);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-security-policy']).toMatch(
      /^default-src 'self';.*connect-src 'none'/,
    );
    await page.waitForSelector('body.ready', { state: 'attached' });
    expect(await page.textContent('#privacy')).toMatch(
      /nothing you paste or drop is sent\s+anywhere/,
    );
  });

  it('refuses requests naming another host (DNS rebinding) and files outside the page', async () => {
    expect(await getStatus(server.url, 'attacker.example:80')).toBe(421);
    const host = new URL(server.url).host;
    expect(await getStatus(`${server.url}../package.json`, host)).toBe(404);
    expect(await getStatus(`${server.url}app.js`, host)).toBe(200);
  });

  it('decodes pasted hex into named, decoded elements with the PAN masked', async () => {
    await page.fill(
      '#hex',
      '70 15 5A 08 41 11 11 11 11 11 11 11 5F 24 03 31 12 31 9F 07 02 FF 00 90 00',
    );
    const tree = await page.innerText('#tree');
    expect(tree).toContain('Application Primary Account Number (PAN)');
    expect(tree).toContain('411111******1111');
    expect(tree).not.toContain('4111111111111111');
    expect(tree).toMatch(/5F24 Application Expiration Date[\s\S]*2031/);
    expect(tree).toMatch(/SW 9000/);

    await page.fill('#hex', '5A 08 41 1Z');
    expect(await page.innerText('#tree')).toMatch(/HEX_INVALID/);
  });

  it.skipIf(!AMEX)(
    'reads a chosen transcript step by step: commands, status words in words, PAN masked',
    async () => {
      await page.setInputFiles('#file', AMEX!);
      await page.waitForSelector('#read .steps');

      const text = readFileSync(AMEX!, 'utf8');
      // The page's own model, from the same build's Node output (dist/web/steps.js).
      const steps: typeof import('../../src/web/steps.js') = await import(
        join(repoRoot, 'dist', 'web', 'steps.js')
      );
      const expected = await steps.readTranscript(text, false);
      const titles = await page.$$eval('#read .step-title', (els) => els.map((e) => e.textContent));
      const sws = await page.$$eval('#read .sw', (els) => els.map((e) => e.textContent));
      expect(titles).toEqual(expected.steps.map((s) => s.title));
      expect(sws).toEqual(expected.steps.map((s) => `${s.sw} ${s.meaning}`));
      expect(sws[0]).toMatch(/^9000 /);

      const shown = await page.innerText('#read');
      expect(shown).toContain('374245*****1007');
      expect(shown).not.toContain('374245001741007');
      expect(shown).toContain('Application Primary Account Number (PAN)');

      await page.check('#reveal');
      expect(await page.innerText('#read')).toContain('374245001741007');
      await page.uncheck('#reveal');
      expect(await page.innerText('#read')).not.toContain('374245001741007');
    },
  );

  it('reads a dropped transcript', async () => {
    const text = readFileSync(DEMO, 'utf8');
    await page.evaluate((content) => {
      const data = new DataTransfer();
      data.items.add(new File([content], 'demo-visa-ppse.apdu', { type: 'text/plain' }));
      document
        .getElementById('drop')!
        .dispatchEvent(
          new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }),
        );
    }, text);
    await page.waitForFunction(() =>
      document.querySelector('#read h3')?.textContent?.startsWith('demo-visa-ppse.apdu'),
    );

    const shown = await page.innerText('#read');
    expect(shown).toContain('411111******1111');
    expect(shown).not.toContain('4111111111111111');
    expect(shown).toMatch(/GET PROCESSING OPTIONS/);
    expect(shown).toMatch(/READ RECORD SFI 1, record 1/);
  });

  it('says what is wrong with a file that is not a transcript', async () => {
    await page.setInputFiles('#file', {
      name: 'notes.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('send: 00 A4 ZZ\n'),
    });
    await page.waitForSelector('#read .error');
    expect(await page.innerText('#read .error')).toMatch(
      /^notes\.txt: .*\[(HEX_INVALID|TRANSCRIPT_INVALID)\]/,
    );
  });

  it('made no request beyond its own server, and no CSP violation or script error', () => {
    const origin = new URL(server.url).origin;
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.filter((u) => !u.startsWith(origin))).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('stops on Ctrl-C (SIGINT) with exit status 0', async () => {
    const exited = new Promise<number | null>((ok) =>
      server.child.once('exit', (code) => ok(code)),
    );
    server.child.kill('SIGINT');
    expect(await exited).toBe(0);
  });
});
