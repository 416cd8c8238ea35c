// Builds the project's own transcripts in fixtures/ (public test PANs only) from card
// descriptions below, so every length byte is computed, not typed. Run after `npm run build`:
//   node scripts/make-fixtures.mjs
import { writeFileSync } from 'node:fs';
import {
  encodeTlv,
  fromHex,
  toHex,
  selectByName,
  PPSE,
  PSE,
  readRecord,
  getResponse,
  concatBytes,
  getProcessingOptions,
  fillDol,
  parseDol,
  profileSource,
  PROFILES,
} from '../dist/index.js';

const h = fromHex;
const t = (tag, value) => ({ tag, value: typeof value === 'string' ? h(value) : value });
const c = (tag, ...children) => ({ tag, children });
const ascii = (s) => Uint8Array.from(s, (ch) => ch.charCodeAt(0));
const ok = (bytes) => concatBytes(bytes, h('9000'));
const sw = (hex) => h(hex);

// The GPO command a reader sends on 2026-01-01 with unpredictable number 01020304.
const gpoFor = (pdol) =>
  getProcessingOptions(
    pdol
      ? fillDol(
          parseDol(h(pdol)),
          profileSource(PROFILES[0], {
            date: new Date(Date.UTC(2026, 0, 1)),
            random: (n) => Uint8Array.from({ length: n }, (_, i) => i + 1),
          }),
        )
      : new Uint8Array(0),
  );

function write(file, comments, exchanges) {
  const lines = comments.map((l) => `# ${l}`);
  for (const [send, resp, note] of exchanges) {
    if (note) lines.push(`# ${note}`);
    lines.push(send ? `send: ${toHex(send, ' ')}` : 'send:');
    lines.push(`resp: ${toHex(resp, ' ')}`);
  }
  writeFileSync(new URL(`../fixtures/${file}`, import.meta.url), lines.join('\n') + '\n');
}

// 1. Visa credit, contactless: PPSE, PDOL with 9A twice, format 2 GPO, records with padding.
{
  const aid = 'A0000000031010';
  const pdol = '9F66049F02069F03069F1A0295055F2A029A039C019F37049A03';
  const fci = encodeTlv([
    c(
      0x6f,
      t(0x84, aid),
      c(
        0xa5,
        t(0x50, ascii('VISA CREDIT')),
        t(0x87, '01'),
        t(0x9f38, pdol),
        t(0x5f2d, ascii('en')),
      ),
    ),
  ]);
  const ppse = encodeTlv([
    c(
      0x6f,
      t(0x84, PPSE),
      c(0xa5, c(0xbf0c, c(0x61, t(0x4f, aid), t(0x50, ascii('VISA CREDIT')), t(0x87, '01')))),
    ),
  ]);
  const gpo = encodeTlv([
    c(
      0x77,
      t(0x82, '2000'),
      t(0x94, '080101001001010018010200'),
      t(0x9f36, '0017'),
      t(0x9f26, '1122334455667788'),
      t(0x9f10, '06010A03A00000'),
    ),
  ]);
  const rec1Body = concatBytes(
    h('57134111111111111111D3112201000012345678900F'),
    h('0000'),
    encodeTlv([t(0x5f20, ascii('PAYCARD/DEMO')), t(0x5f34, '01'), t(0x9f07, 'FF00')]),
  );
  const rec1 = concatBytes(h('70'), Uint8Array.of(rec1Body.length), rec1Body);
  const rec21 = encodeTlv([
    c(
      0x70,
      t(0x5a, '4111111111111111'),
      t(0x5f24, '311231'),
      t(0x5f25, '240101'),
      t(0x5f28, '0840'),
      t(0x9f07, 'FF00'),
      t(0x8e, '000000000000000042031E031F03'),
    ),
  ]);
  const rec31 = encodeTlv([c(0x70, t(0x9f08, '0002'), t(0x9f42, '0840'), t(0x9f44, '02'))]);
  const rec32 = concatBytes(encodeTlv([c(0x70, t(0x9f4a, '82'), t(0x8f, '92'))]), h('FFFF'));
  write(
    'demo-visa-ppse.apdu',
    [
      'paycard demo card: Visa credit (public test PAN 4111111111111111), contactless.',
      'Made by the paycard project with scripts/make-fixtures.mjs; no real card data.',
      'PPSE, PDOL listing 9A twice, format 2 GPO, AFL over SFI 1-3, 00/FF padding in records.',
    ],
    [
      [selectByName(PPSE), ok(ppse), 'SELECT PPSE'],
      [selectByName(h(aid)), ok(fci), 'SELECT Visa'],
      [
        gpoFor(pdol),
        ok(gpo),
        'GET PROCESSING OPTIONS (matched on CLA INS P1 P2 when replayed as a card)',
      ],
      [readRecord(1, 1), ok(rec1), 'track 2 and name (00 padding between elements)'],
      [readRecord(2, 1), ok(rec21)],
      [readRecord(3, 1), ok(rec31)],
      [readRecord(3, 2), ok(rec32), 'trailing FF padding after the template'],
    ],
  );
}

// 2. Mastercard debit, contact over T=0: no PPSE, PSE answered 61xx, directory with two
//    applications (priority 2 and 1), record resent on 6Cxx, format 1 GPO.
{
  const mc = 'A0000000041010';
  const maestro = 'A0000000043060';
  const pseFci = encodeTlv([c(0x6f, t(0x84, PSE), c(0xa5, t(0x88, '01'), t(0x5f2d, ascii('en'))))]);
  const dir = encodeTlv([
    c(
      0x70,
      c(0x61, t(0x4f, maestro), t(0x50, ascii('MAESTRO')), t(0x87, '02')),
      c(0x61, t(0x4f, mc), t(0x50, ascii('MASTERCARD')), t(0x87, '01')),
    ),
  ]);
  const fci = encodeTlv([
    c(0x6f, t(0x84, mc), c(0xa5, t(0x50, ascii('MASTERCARD')), t(0x87, '01'))),
  ]);
  const gpo = encodeTlv([t(0x80, '1980' + '08010100' + '10010200')]);
  const rec11 = encodeTlv([
    c(0x70, t(0x57, '5555555555554444D29122010000000000000F'), t(0x5f20, ascii('TEST/CARDHOLDER'))),
  ]);
  const rec21 = encodeTlv([
    c(0x70, t(0x5a, '5555555555554444'), t(0x5f24, '291231'), t(0x5f34, '00'), t(0x9f08, '0002')),
  ]);
  const fciHead = pseFci.length;
  write(
    'mastercard-contact-pse-t0.apdu',
    [
      'paycard fixture: Mastercard debit over a contact reader with T=0 (public test PAN 5555555555554444).',
      'Made by the paycard project with scripts/make-fixtures.mjs; no real card data.',
      'No PPSE; PSE answered 61xx then GET RESPONSE; two directory entries (Mastercard priority 1);',
      'READ RECORD answered 6Cxx, resent with that Le; format 1 GPO; SFI 2 record 2 missing (6A83).',
    ],
    [
      [selectByName(PPSE), sw('6A82'), 'no PPSE on this contact card'],
      [selectByName(PSE), h('61' + fciHead.toString(16).padStart(2, '0'))],
      [getResponse(fciHead), ok(pseFci)],
      [readRecord(1, 1), h('6C' + dir.length.toString(16).toUpperCase().padStart(2, '0'))],
      [readRecord(1, 1, dir.length), ok(dir)],
      [readRecord(1, 2), sw('6A83')],
      [selectByName(h(mc)), ok(fci)],
      [gpoFor(), ok(gpo)],
      [readRecord(1, 1), ok(rec11)],
      [readRecord(2, 1), ok(rec21)],
      [readRecord(2, 2), sw('6A83')],
    ],
  );
}

// 3. American Express, no directory at all: found by probing full AIDs. Format 1 GPO.
{
  const amex = 'A000000025010801';
  const fci = encodeTlv([
    c(
      0x6f,
      t(0x84, amex),
      c(0xa5, t(0x50, ascii('AMERICAN EXPRESS')), t(0x87, '01'), t(0x9f38, '9F3501')),
    ),
  ]);
  const gpo = encodeTlv([t(0x80, '1C00' + '08010200')]);
  const rec1 = encodeTlv([c(0x70, t(0x57, '378282246310005D2812201150000000000F'))]);
  const rec2 = encodeTlv([
    c(0x70, t(0x5a, '378282246310005F'), t(0x5f24, '281231'), t(0x5f20, ascii(' /'))),
  ]);
  write(
    'amex-probe.apdu',
    [
      'paycard fixture: American Express (public test PAN 378282246310005) with neither PPSE nor PSE.',
      'Made by the paycard project with scripts/make-fixtures.mjs; no real card data.',
      'PPSE answered 6D00, PSE 6A82: the application is found by probing full AIDs; blank name " /".',
    ],
    [
      [selectByName(PPSE), sw('6D00')],
      [selectByName(PSE), sw('6A82')],
      [selectByName(h('A00000002501')), sw('6A82'), 'a partial AID is refused'],
      [selectByName(h(amex)), ok(fci)],
      [gpoFor('9F3501'), ok(gpo)],
      [readRecord(1, 1), ok(rec1)],
      [readRecord(1, 2), ok(rec2)],
    ],
  );
}
