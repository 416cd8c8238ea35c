import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromHex } from '../../src/bytes/hex.js';
import { buildTlvTree, renderTlvText, splitStatusWord } from '../../src/render/tlv-tree.js';
import { repoRoot } from '../shared.js';

const FCI = '6F1A8407A0000000041010A50F500A4D617374657243617264870101';

describe('TLV tree', () => {
  it('nests templates, names tags and decodes values', () => {
    const tree = buildTlvTree(fromHex(FCI + '9000'));
    expect(tree.scheme).toBe('mastercard');
    expect(tree.statusWord).toEqual({ sw: '9000', meaning: 'success' });
    const a5 = tree.elements[0].children?.[1];
    expect(a5?.name).toBe('File Control Information (FCI) Proprietary Template');
    expect(a5?.children?.[0]).toMatchObject({
      tag: '50',
      name: 'Application Label',
      summary: '"MasterCard"',
    });
    expect(a5?.children?.[1]).toMatchObject({
      tag: '87',
      summary: 'priority 1, may be selected without confirmation',
    });
  });

  it('takes a trailing status word only after complete TLV', () => {
    expect(splitStatusWord(fromHex('9F270180 9000')).statusWord).toBe(0x9000);
    expect(splitStatusWord(fromHex('6A82')).statusWord).toBe(0x6a82);
    expect(splitStatusWord(fromHex('9F2701 9000')).statusWord).toBeUndefined();
  });

  it('takes two bytes alone as a status word only when ISO 7816-4 §5.6 defines them', () => {
    for (const sw of [
      '9000',
      '6100',
      '6283',
      '63C2',
      '6700',
      '6985',
      '6A82',
      '6C10',
      '6D00',
      '6E00',
      '6F00',
    ]) {
      expect(splitStatusWord(fromHex(sw)).statusWord, sw).toBe(parseInt(sw, 16));
    }
    for (const hex of ['9F38', '9F27', '6400', '6581', '6B00', '9100', '5A00']) {
      expect(splitStatusWord(fromHex(hex)).statusWord, hex).toBeUndefined();
    }
    const tree = buildTlvTree(fromHex('9F38'));
    expect(tree.statusWord).toBeUndefined();
    expect(tree.warnings).toEqual(['length of tag 9F38 is missing at offset 0']);
  });

  it('masks every PAN (5A, 57, 56, 9F6B, 9F1F, text) unless revealed', () => {
    const track1 = Buffer.from('B5413330089600044^TEST/CARD^1412201').toString('hex');
    const dd = Buffer.from('5413330089600044').toString('hex');
    const hex =
      '70' +
      '00' + // placeholder length, fixed below
      '5A085413330089600044' +
      '57135413330089600044D14122010000000000000F' +
      '56' +
      (track1.length / 2).toString(16).padStart(2, '0') +
      track1 +
      '9F1F' +
      (dd.length / 2).toString(16).padStart(2, '0') +
      dd;
    const body = hex.slice(4);
    const input = fromHex('7081' + (body.length / 2).toString(16).padStart(2, '0') + body);

    const text = renderTlvText(input);
    expect(text).not.toContain('5413330089600044');
    expect(text).not.toContain(dd.slice(12, 20));
    expect(text).toContain('541333******0044');
    expect(text).toContain('353431333333************30303434');

    const shown = renderTlvText(input, { reveal: true });
    expect(shown).toContain('5413330089600044');

    const other = renderTlvText(fromHex('9F0B054111111111111111'.slice(0, 14)), {
      pans: ['4111111111111111'],
    });
    expect(other).not.toContain('4111111111111111');
  });

  it('keeps what decoded from truncated input, with the warning', () => {
    const tree = buildTlvTree(fromHex('7710 9F2701 80 9F3602'));
    expect(tree.elements[0].children?.[0]).toMatchObject({
      tag: '9F27',
      summary: 'ARQC (online authorisation requested)',
    });
    expect(tree.warnings[0]).toMatch(/declares 16 bytes/);
  });

  it('colours through the given colorizer only', () => {
    const text = renderTlvText(fromHex('9F270180'), { color: (kind, t) => `<${kind}>${t}` });
    expect(text.split('\n')[0]).toBe(
      '<tag>9F27<name> Cryptogram Information Data<length> (1 byte)<plain>: <value>80',
    );
  });
});

const bin = join(repoRoot, 'bin', 'paycard.js');
const built = existsSync(join(repoRoot, 'dist', 'cli', 'commands', 'tlv.js'));

describe('paycard tlv (from dist; npm test builds first)', () => {
  const run = (args: string[], input?: string) =>
    spawnSync(process.execPath, [bin, 'tlv', ...args], {
      input,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });

  it('is built', () => {
    expect(built, 'run npm run build before these tests').toBe(true);
  });

  it.runIf(built)('names every PDOL entry (issue 5 check)', () => {
    const r = run([
      '9F 38 18 9F 66 04 9F 02 06 9F 03 06 9F 1A 02 95 05 5F 2A 02 9A 03 9C 01 9F 37 04',
    ]);
    expect(r.status).toBe(0);
    for (const name of [
      'Terminal Transaction Qualifiers (TTQ)',
      'Amount, Authorised (Numeric)',
      'Amount, Other (Numeric)',
      'Terminal Country Code',
      'Terminal Verification Results',
      'Transaction Currency Code',
      'Transaction Date',
      'Transaction Type',
      'Unpredictable Number',
    ]) {
      expect(r.stdout).toContain(name);
    }
  });

  it.runIf(built)('lists CVM rules in words from stdin (issue 5 check)', () => {
    const r = run(['-'], '8E0E000000000000000042031E031F03\n');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(
      '- Enciphered PIN verified online, if terminal supports the CVM; if unsuccessful, apply the next rule',
    );
    expect(r.stdout).toContain('- No CVM required, if terminal supports the CVM');
  });

  it.runIf(built)('accepts 0x, colons and line breaks, and prints JSON', () => {
    const r = run(['--json', '0x9F:27\n01 80 90 00']);
    const tree = JSON.parse(r.stdout);
    expect(tree.elements[0].summary).toBe('ARQC (online authorisation requested)');
    expect(tree.statusWord.sw).toBe('9000');
  });

  it.runIf(built)('cut-short TLV: the partial tree, then one error line, exit 2', () => {
    const r = run(['1F']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('warning: tag 1F is cut short at offset 0\n');
    expect(r.stderr).toBe('paycard: tag 1F is cut short at offset 0 [TLV_TRUNCATED]\n');

    const partial = run(['9F2701 80 5F2A']);
    expect(partial.status).toBe(2);
    expect(partial.stdout).toContain('9F27 Cryptogram Information Data (1 byte): 80');
    expect(partial.stderr).toBe(
      'paycard: length of tag 5F2A is missing at offset 4 [TLV_TRUNCATED]\n',
    );

    const lone = run(['9F38']);
    expect(lone.status).toBe(2);
    expect(lone.stdout).not.toContain('SW');
    expect(lone.stderr).toBe(
      'paycard: length of tag 9F38 is missing at offset 0 [TLV_TRUNCATED]\n',
    );
  });

  it.runIf(built)('malformed TLV with --json: the JSON on stdout, exit 2', () => {
    const r = run(['--json', '5A FF 00']);
    expect(r.status).toBe(2);
    const tree = JSON.parse(r.stdout);
    expect(tree.problem).toMatchObject({ code: 'TLV_INVALID', offset: 1 });
    expect(r.stderr).toMatch(
      /^paycard: tag 5A has an unsupported length byte FF at offset 1 \[TLV_INVALID\]\n$/,
    );
  });

  it.runIf(built)('padding only: says so, exit 0', () => {
    for (const hex of ['0000FFFF', '00', 'FF FF']) {
      const r = run([hex]);
      expect(r.status, hex).toBe(0);
      expect(r.stdout).toBe('(no TLV elements: only 00/FF padding)\n');
      expect(r.stderr).toBe('');
    }
    const json = run(['--json', '0000']);
    expect(json.status).toBe(0);
    expect(JSON.parse(json.stdout).elements).toEqual([]);
  });

  it.runIf(built)('an unknown --scheme is a usage error, exit 2', () => {
    const r = run(['--scheme', 'nope', '9000']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('paycard: --scheme nope is neither a scheme nor an AID of one [USAGE]\n');
    expect(run(['--scheme', 'A0000000041010', '9000']).status).toBe(0);
  });

  it.runIf(built)('an 18-byte 9F6B without --scheme is Mastercard track 2, masked', () => {
    const r = run(['9F6B125413330089600044D2512201000000000000']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(
      '9F6B Track 2 Data (18 bytes): 541333******0044D2512201000000000000',
    );
    expect(r.stdout).toContain('= PAN 541333******0044, expires 2025-12');
    expect(run(['9F6B06000000005000']).stdout).toContain('9F6B Card CVM Limit (6 bytes)');
  });

  it.runIf(built)('bad hex: one line naming the position, exit 2', () => {
    const r = run(['9F 2G']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('paycard: invalid hex character "G" at position 4 [HEX_INVALID]\n');

    const dash = run(['--', '-1']);
    expect(dash.status).toBe(2);
    expect(dash.stderr).toBe('paycard: invalid hex character "-" at position 0 [HEX_INVALID]\n');
  });
});
