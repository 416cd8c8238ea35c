/**
 * `paycard read` end to end: spawns `node bin/paycard.js` from the repository root (on dist/;
 * `npm test` builds first) and checks stdout, stderr and the documented exit statuses
 * (docs/cli.md: 0 ok, 2 bad input, 3 no card number, 4 card refused, 5 I/O).
 */

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskPan } from '../../src/card/pan.js';
import { requireShared, repoRoot } from '../shared.js';

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function paycard(...args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(repoRoot, 'bin', 'paycard.js'), ...args], {
      cwd: repoRoot,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** One failure line on stderr: `paycard: <message> [<CODE>]`, no stack trace. */
function expectOneLineFailure(run: Run, code?: string | RegExp): void {
  const lines = run.stderr.trimEnd().split('\n');
  expect(lines, run.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^paycard: .+ \[[A-Z_]+\]$/);
  if (code)
    expect(lines[0]).toMatch(typeof code === 'string' ? new RegExp(`\\[${code}\\]$`) : code);
  expect(run.stderr).not.toMatch(/^\s+at /m);
  expect(run.stdout + run.stderr).not.toMatch(/\.(ts|js):\d+:\d+/);
}

/** Every form a PAN can take in output: digits (also BCD hex), spaced BCD, ASCII hex. */
function panForms(pan: string): string[] {
  const even = pan.length % 2 ? pan + 'F' : pan;
  const spaced = even.match(/../g)!.join(' ');
  const ascii = Array.from(pan, (d) => '3' + d).join('');
  const asciiSpaced = Array.from(pan, (d) => '3' + d).join(' ');
  return [pan, spaced, ascii, asciiSpaced];
}

const tmp = mkdtempSync(join(tmpdir(), 'paycard-cli-'));

beforeAll(() => {
  if (!existsSync(join(repoRoot, 'dist', 'cli', 'main.bundle.js'))) {
    const build = spawnSync('npm', ['run', 'build'], { cwd: repoRoot, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`npm run build failed: ${build.stderr}`);
  }
}, 120_000);

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('paycard read --demo', () => {
  it('exits 0 with the masked PAN on stdout', async () => {
    const run = await paycard('read', '--demo');
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('411111******1111');
    expect(run.stdout).not.toContain('4111111111111111');
    expect(run.stdout).toMatch(/2031-12/);
    expect(run.stderr).toBe('');
  });

  it('--json prints one JSON object with the documented top-level fields', async () => {
    const run = await paycard('read', '--demo', '--json');
    expect(run.status).toBe(0);
    const json = JSON.parse(run.stdout);
    for (const key of [
      'pan',
      'expiry',
      'aid',
      'brand',
      'label',
      'cardholderName',
      'applications',
      'warnings',
    ]) {
      expect(json).toHaveProperty(key);
    }
    expect(json).toMatchObject({
      pan: '411111******1111',
      expiry: '2031-12',
      aid: 'A0000000031010',
      brand: 'Visa',
      label: 'VISA CREDIT',
      cardholderName: 'PAYCARD/DEMO',
    });
    expect(json.error ?? undefined).toBeUndefined();
  });

  it('--reveal shows the full PAN', async () => {
    const run = await paycard('read', '--demo', '--reveal');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('4111111111111111');
    const json = JSON.parse((await paycard('read', '--demo', '--json', '--reveal')).stdout);
    expect(json.pan).toBe('4111111111111111');
  });

  it('-v writes each exchange to stderr with status-word meanings, PANs masked', async () => {
    const run = await paycard('read', '--demo', '-v');
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/SELECT/);
    expect(run.stderr).toMatch(/READ RECORD/);
    expect(run.stderr).toMatch(/9000/);
    expect(run.stderr).toMatch(/success/);
    for (const form of panForms('4111111111111111')) expect(run.stderr).not.toContain(form);
  });

  it('the project fixtures read through the CLI too', async () => {
    const mc = await paycard(
      'read',
      '--replay',
      join(repoRoot, 'fixtures', 'mastercard-contact-pse-t0.apdu'),
      '--json',
    );
    expect(mc.status).toBe(0);
    expect(JSON.parse(mc.stdout)).toMatchObject({
      pan: maskPan('5555555555554444'),
      expiry: '2029-12',
    });
    const amex = await paycard(
      'read',
      '--replay',
      join(repoRoot, 'fixtures', 'amex-probe.apdu'),
      '--json',
    );
    expect(amex.status).toBe(0);
    expect(JSON.parse(amex.stdout)).toMatchObject({
      pan: '378282*****0005',
      aid: 'A000000025010801',
    });
  });
});

describe('bad input: exit 2, one line on stderr', () => {
  it('a missing file', async () => {
    const run = await paycard('read', '--replay', join(tmp, 'nope.apdu'));
    expect(run.status).toBe(2);
    expectOneLineFailure(run);
    expect(run.stderr).toMatch(/nope\.apdu/);
  });

  it('a directory', async () => {
    const run = await paycard('read', '--replay', tmp);
    expect(run.status).toBe(2);
    expectOneLineFailure(run);
    expect(run.stderr).toMatch(/directory/);
  });

  it('a malformed transcript names the line', async () => {
    const file = join(tmp, 'bad.apdu');
    writeFileSync(file, '# a comment\nsend: 00 A4 04 00\nresp: 90 0G\n');
    const run = await paycard('read', '--replay', file);
    expect(run.status).toBe(2);
    expectOneLineFailure(run, 'TRANSCRIPT_INVALID');
    expect(run.stderr).toMatch(/line 3/);
  });

  it('a line that is neither send: nor resp:', async () => {
    const file = join(tmp, 'odd.apdu');
    writeFileSync(file, 'send: 00A4040000\nhello world\n');
    const run = await paycard('read', '--replay', file);
    expect(run.status).toBe(2);
    expectOneLineFailure(run, 'TRANSCRIPT_INVALID');
    expect(run.stderr).toMatch(/line 2/);
  });

  it('binary garbage, with and without NUL bytes', async () => {
    let seed = 12345;
    const next = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) & 0xff;
    const withNul = Uint8Array.from({ length: 512 }, next);
    withNul[7] = 0;
    const noNul = Uint8Array.from({ length: 512 }, () => 0x80 | next());
    for (const [name, bytes] of [
      ['garbage.bin', withNul],
      ['garbage2.bin', noNul],
    ] as const) {
      const file = join(tmp, name);
      writeFileSync(file, bytes);
      const run = await paycard('read', '--replay', file);
      expect(run.status, name).toBe(2);
      expectOneLineFailure(run, 'TRANSCRIPT_INVALID');
    }
  });

  it('an empty file', async () => {
    const file = join(tmp, 'empty.apdu');
    writeFileSync(file, '');
    const run = await paycard('read', '--replay', file);
    expect(run.status).toBe(2);
    expectOneLineFailure(run, 'TRANSCRIPT_INVALID');
  });

  it('an unknown flag', async () => {
    const run = await paycard('read', '--bogus');
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/unknown option/);
    expect(run.stderr).not.toMatch(/^\s+at /m);
    expect(run.stdout).toBe('');
  });

  it('--demo and --replay together', async () => {
    const run = await paycard(
      'read',
      '--demo',
      '--replay',
      join(repoRoot, 'fixtures', 'amex-probe.apdu'),
    );
    expect(run.status).toBe(2);
    expectOneLineFailure(run);
  });
});

const shared = requireShared();

describe.skipIf(!shared)('paycard read --replay on every shared transcript', () => {
  const dir = join(shared ?? '', 'fixtures', 'transcripts');
  const expected: Record<string, Record<string, unknown>> = shared
    ? JSON.parse(readFileSync(join(shared, 'fixtures', 'expected.json'), 'utf8'))
    : {};
  const fullPans = [
    ...Object.values(expected)
      .map((e) => e.pan as string | undefined)
      .filter((p): p is string => !!p),
    '4111111111111111',
    '5555555555554444',
    '378282246310005',
  ];

  for (const [file, want] of Object.entries(expected)) {
    it(`${file} --json`, async () => {
      const run = await paycard('read', '--replay', join(dir, file), '--json');
      const json = JSON.parse(run.stdout);

      if (want.ok === true) {
        expect(run.status, run.stderr).toBe(0);
        expect(run.stderr).toBe('');
      }
      if (want.ok === false) {
        expect(run.status).not.toBe(0);
        expectOneLineFailure(run);
        expect(json.error).toMatchObject({
          code: expect.stringMatching(/^[A-Z_]+$/),
          message: expect.any(String),
        });
      }
      if (want.pan) expect(json.pan).toBe(maskPan(want.pan as string));
      if (want.expiry) expect(json.expiry).toBe(want.expiry);
      if (want.aid) expect(json.aid).toBe(want.aid);
      if (want.brand) expect(json.brand).toMatch(new RegExp(want.brand as string, 'i'));
      if (want.name) expect(json.cardholderName).toBe(want.name);
      if (want.noName) expect(json.cardholderName ?? null).toBeNull();
      if (want.applications) expect(json.applications).toHaveLength(want.applications as number);
      if (want.warning) {
        const re = new RegExp(want.warning as string, 'i');
        expect(json.warnings.map((w: { message: string }) => w.message)).toContainEqual(
          expect.stringMatching(re),
        );
      }
      if (want.message) expect(json.error.message).toMatch(new RegExp(want.message as string, 'i'));
    });
  }

  it('amex-test-card-cda.apdu: pan 374245*****1007, expiry 2018-12', async () => {
    const run = await paycard('read', '--replay', join(dir, 'amex-test-card-cda.apdu'), '--json');
    expect(JSON.parse(run.stdout)).toMatchObject({ pan: '374245*****1007', expiry: '2018-12' });
  });

  it('documented exit statuses: girocard 3, locked wallet 4, truncated answer non-zero', async () => {
    const giro = await paycard('read', '--replay', join(dir, 'girocard-geldkarte-ppse.apdu'));
    expect(giro.status).toBe(3);
    expectOneLineFailure(giro, 'NO_PAN');

    const locked = await paycard('read', '--replay', join(dir, 'applepay-visa-locked-6986.apdu'));
    expect(locked.status).toBe(4);
    expectOneLineFailure(locked, /unlock/);

    const truncated = await paycard(
      'read',
      '--replay',
      join(dir, 'applepay-visa-truncated-gpo.apdu'),
    );
    expect(truncated.status).not.toBe(0);
    expect(truncated.status).not.toBe(1);
    expectOneLineFailure(truncated);
    expect(truncated.stderr).toMatch(/cut short|truncat/i);
  });

  it('--full --json on cb-visa-cobadged-ppse.apdu lists both applications, PIN tries and the log', async () => {
    const run = await paycard(
      'read',
      '--full',
      '--replay',
      join(dir, 'cb-visa-cobadged-ppse.apdu'),
      '--json',
    );
    expect(run.status, run.stderr).toBe(0);
    const text = run.stdout;
    const json = JSON.parse(text);
    expect(json.applications.map((a: { aid: string }) => a.aid)).toEqual([
      'A0000000421010',
      'A0000000031010',
    ]);
    expect(text).toMatch(/"pinTryCounter"/);
    expect(text).toMatch(/"46\.00"/);
    expect(text).toMatch(/2014-03-16/);
  });

  it('no output mode without --reveal shows a full PAN; --reveal does', async () => {
    const modes: string[][] = [
      [],
      ['--json'],
      ['-v'],
      ['--full'],
      ['--full', '--json', '-v'],
      ['--tlv'],
    ];
    const files = Object.keys(expected);
    const runs = await Promise.all(
      files.flatMap((file) =>
        modes.map(async (mode) => ({
          file,
          mode,
          run: await paycard('read', '--replay', join(dir, file), ...mode),
        })),
      ),
    );
    const leaks: string[] = [];
    for (const { file, mode, run } of runs) {
      const output = run.stdout + run.stderr;
      for (const pan of fullPans) {
        for (const form of panForms(pan)) {
          if (output.includes(form))
            leaks.push(`${file} ${mode.join(' ') || '(summary)'}: ${form}`);
        }
      }
    }
    expect(leaks).toEqual([]);

    const revealed = await paycard(
      'read',
      '--replay',
      join(dir, 'amex-test-card-cda.apdu'),
      '--reveal',
    );
    expect(revealed.stdout).toContain('374245001741007');
  });
});

describe.skipIf(!shared)('--json is always exactly one JSON object', () => {
  it('with --tlv and --verify, the trees and the report are inside it', async () => {
    const file = join(shared!, 'fixtures', 'transcripts', 'amex-test-card-cda.apdu');
    const run = await paycard(
      'read',
      '--replay',
      file,
      '--json',
      '--tlv',
      '--verify',
      '--date',
      '2014-01-01',
    );
    expect(run.status, run.stderr).toBe(0);
    const json = JSON.parse(run.stdout);
    expect(json.pan).toBe('374245*****1007');
    expect(json.answers.length).toBe(json.exchanges);
    expect(json.answers[0]).toMatchObject({ command: 'SELECT', sw: '9000' });
    expect(json.answers[0].tree.elements[0].tag).toBe('6F');
    expect(json.verify.methods.find((m: { method: string }) => m.method === 'SDA').status).toBe(
      'valid',
    );
    for (const form of panForms('374245001741007')) expect(run.stdout).not.toContain(form);
  });

  it('a failed read with --tlv still prints one object, with its error', async () => {
    const file = join(shared!, 'fixtures', 'transcripts', 'applepay-visa-locked-6986.apdu');
    const run = await paycard('read', '--replay', file, '--json', '--tlv');
    expect(run.status).toBe(4);
    const json = JSON.parse(run.stdout);
    expect(json.error.code).toBe('WALLET_LOCKED');
    expect(json.answers.at(-1)).toMatchObject({ sw: '6986' });
    expectOneLineFailure(run, 'WALLET_LOCKED');
  });
});

describe('usage errors read like every other failure', () => {
  it('an unknown option: one line, USAGE, exit 2', async () => {
    const run = await paycard('read', '--bogus');
    expect(run.status).toBe(2);
    expectOneLineFailure(run, 'USAGE');
    expect(run.stderr).toMatch(/unknown option '--bogus'/);
  });

  it('a bad --date and --demo with --replay are usage errors', async () => {
    for (const args of [
      ['--demo', '--date', '2024-13-45'],
      ['--demo', '--replay', 'x'],
      ['--timeout', 'abc'],
    ]) {
      const run = await paycard('read', ...args);
      expect(run.status, args.join(' ')).toBe(2);
      expectOneLineFailure(run, 'USAGE');
    }
  });
});

describe('a cut PAN never shows more than the whole one does', () => {
  it('-v, --tlv and --json show no hidden digit of a 5A cut in the middle', async () => {
    const text = readFileSync(join(repoRoot, 'fixtures', 'amex-probe.apdu'), 'utf8');
    const cut = text.replace(
      /resp: 70 15 5A 08 37 82 82 24 63 10 00 5F .*/,
      'resp: 70 15 5A 08 37 82 82 24 63 10 90 00',
    );
    expect(cut).not.toBe(text);
    const file = join(tmp, 'amex-cut-5a.apdu');
    writeFileSync(file, cut);

    for (const args of [['-v'], ['--tlv'], ['--json'], ['--json', '--tlv']]) {
      const run = await paycard('read', '--replay', file, ...args);
      const all = run.stdout + run.stderr;
      // Digits 7-11 of 378282246310005 are hidden in every form: decimal, BCD hex, spaced BCD.
      for (const hidden of ['22463', '24631', '2246310', '24 63 10', '82 24 63']) {
        expect(all, `${args.join(' ')}: ${hidden}`).not.toContain(hidden);
      }
    }
  });
});
