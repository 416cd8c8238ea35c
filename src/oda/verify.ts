/**
 * Offline data authentication of one application session, from its APDU exchange: the CA key
 * (8F), the issuer key (90), the static data (Book 3 §10.3), then SDA (93, Book 2 §5), the ICC
 * key (9F46, §6.4), DDA (INTERNAL AUTHENTICATE, §6.5), Visa fDDA (9F4B from GPO or a record) and
 * CDA (9F4B in GENERATE AC, §6.6). Never sends anything: see perform.ts for a live card.
 */

import { bcdDigits, concatBytes, toHex } from '../bytes/hex.js';
import { parseDol, type DolEntry } from '../dol/dol.js';
import { decodeTlvLenient } from '../tlv/tlv.js';
import { builtinCapks, findCapks, type Capk } from './capk.js';
import {
  recoverIccKey,
  recoverIssuerKey,
  type KeyRecovery,
  type RecoveredKey,
} from './certificates.js';
import { isoDay } from './dates.js';
import {
  readOdaSession,
  splitApplicationSessions,
  type ApduExchange,
  type CommandAnswer,
  type OdaSession,
} from './exchanges.js';
import type { KeyFacts, MethodResult, OdaMethod, OdaReport } from './report.js';
import {
  verifyCdaSignature,
  verifyDynamicSignature,
  verifySignedStaticData,
} from './signatures.js';
import { buildStaticData } from './static-data.js';
import { firstFailure, record, signaturesValid, type OdaStep } from './steps.js';

/** Options of `verifyExchanges`. */
export interface OdaOptions {
  /** The transaction date certificates are checked against. Default: today. */
  date?: Date;
  /** CA keys to use. Default: the built-in table (`builtinCapks()`). */
  capks?: readonly Capk[];
}

/** The default DDOL when the card has no 9F49: the Unpredictable Number (Book 3 §6.5.9). */
export const DEFAULT_DDOL = Uint8Array.of(0x9f, 0x37, 0x04);

const T = {
  AID: 0x4f,
  DF_NAME: 0x84,
  PAN: 0x5a,
  CAPK_INDEX: 0x8f,
  CDOL1: 0x8c,
  CDOL2: 0x8d,
  ISSUER_CERT: 0x90,
  ISSUER_REMAINDER: 0x92,
  SSAD: 0x93,
  ISSUER_EXPONENT: 0x9f32,
  PDOL: 0x9f38,
  ICC_CERT: 0x9f46,
  ICC_EXPONENT: 0x9f47,
  ICC_REMAINDER: 0x9f48,
  DDOL: 0x9f49,
  SDA_TAG_LIST: 0x9f4a,
  SDAD: 0x9f4b,
  CARD_AUTH_DATA: 0x9f69,
  CID: 0x9f27,
  UN: 0x9f37,
  AMOUNT: 0x9f02,
  CURRENCY: 0x5f2a,
} as const;

/**
 * Verifies the last application session in `exchanges` that holds a GET PROCESSING OPTIONS (or
 * the whole list as one session when none is found).
 *
 *     const report = verifyExchanges(log, { date: new Date('2014-01-01') });
 *     report.methods.find((m) => m.method === 'CDA')?.status // 'valid'
 */
export function verifyExchanges(
  exchanges: readonly ApduExchange[],
  options: OdaOptions = {},
): OdaReport {
  const sessions = splitApplicationSessions(exchanges).map(readOdaSession);
  const withGpo = sessions.filter((s) => s.aip !== null);
  const session = withGpo[withGpo.length - 1] ?? readOdaSession(exchanges);
  return verifySession(session, options);
}

function keyFacts(key: RecoveredKey | null): KeyFacts | null {
  if (!key) return null;
  return {
    modulus: toHex(key.modulus),
    exponent: toHex(key.exponent),
    bits: key.modulus.length * 8,
    expiry: key.expiry,
    expired: key.expired,
    serial: key.serial,
    identifier: key.identifier,
  };
}

function digits(bytes: Uint8Array | undefined): string | null {
  if (!bytes) return null;
  const d = bcdDigits(bytes);
  const f = d.search(/[^0-9]/);
  return f < 0 ? d : d.slice(0, f);
}

/** Picks the CA key and recovers the issuer key; tries every key with that RID and index. */
function issuerChain(
  session: OdaSession,
  rid: string | null,
  capks: readonly Capk[],
  date: Date,
  steps: OdaStep[],
): { capk: Capk | null; issuer: KeyRecovery | null } {
  const o = session.objects;
  const index = o.get(T.CAPK_INDEX);
  const cert = o.get(T.ISSUER_CERT);
  const exponent = o.get(T.ISSUER_EXPONENT);
  for (const [tag, value] of [
    ['8F', index],
    ['90', cert],
    ['9F32', exponent],
  ] as const) {
    if (
      !record(
        steps,
        tag,
        'presence',
        value !== undefined,
        value ? 'present' : 'not given by the card',
      )
    ) {
      return { capk: null, issuer: null };
    }
  }

  const candidates = rid ? findCapks(capks, rid, toHex(index!)) : [];
  const name = `${rid ?? '?'}/${toHex(index!)}`;
  if (candidates.length === 0) {
    record(steps, 'capk', 'capk', false, `CA key ${name} unknown`);
    return { capk: null, issuer: null };
  }

  // Keys of the certificate's length first; otherwise the first key, which fails at 'length'.
  const sized = candidates.filter((k) => k.modulus.length === cert!.length);
  const fitting = sized.length > 0 ? sized : candidates.slice(0, 1);

  const pan = o.get(T.PAN) ?? new Uint8Array(0);
  const input = {
    certificate: cert!,
    remainder: o.get(T.ISSUER_REMAINDER),
    exponent: exponent!,
    pan,
    date,
  };
  let chosen = fitting[0];
  let issuer = recoverIssuerKey(chosen, input);
  for (const k of fitting.slice(1)) {
    if (issuer.key) break;
    const other = recoverIssuerKey(k, input);
    if (other.key) [chosen, issuer] = [k, other];
  }

  const label = chosen.label ? ` (${chosen.label})` : '';
  record(
    steps,
    'capk',
    'capk',
    true,
    `${name}, ${chosen.modulus.length * 8} bits, SHA-1 checked${label}`,
  );
  steps.push(...issuer.steps);
  return { capk: chosen, issuer };
}

function finish(
  method: OdaMethod,
  deps: readonly OdaStep[],
  own: OdaStep[],
  reason?: string,
): MethodResult {
  const all = [...deps, ...own];
  const valid = all.length > 0 && signaturesValid(all);
  const expired = all.some((s) => s.check === 'expiry' && !s.ok);
  const fail = firstFailure(all);
  const result: MethodResult = {
    method,
    status: valid ? 'valid' : 'failed',
    ok: valid && !expired,
    signatureValid: valid,
    certificateExpired: expired,
    steps: own,
  };
  if (fail) {
    result.failedCheck = fail.check;
    result.object = fail.object;
    result.reason = reason ?? fail.detail;
  }
  return result;
}

function notPerformed(method: OdaMethod, reason: string): MethodResult {
  return {
    method,
    status: 'not performed',
    ok: false,
    signatureValid: false,
    certificateExpired: false,
    reason,
    steps: [],
  };
}

/** The value of `tag` inside DOL-related data built from `dol`, or undefined. */
function dolValue(dol: readonly DolEntry[], data: Uint8Array, tag: number): Uint8Array | undefined {
  let at = 0;
  for (const e of dol) {
    if (e.tag === tag)
      return at + e.length <= data.length ? data.subarray(at, at + e.length) : undefined;
    at += e.length;
  }
  return undefined;
}

function safeDol(bytes: Uint8Array | undefined): DolEntry[] | null {
  if (!bytes) return null;
  try {
    return parseDol(bytes);
  } catch {
    return null;
  }
}

/** The SDAD in an INTERNAL AUTHENTICATE answer: format 1 (80) or format 2 (77 with 9F4B). */
function sdadOf(answer: Uint8Array): { sdad: Uint8Array; object: string } | null {
  const top = decodeTlvLenient(answer).elements[0];
  if (top?.tag === 0x80) return { sdad: top.value, object: '80' };
  if (top?.tag === 0x77 && top.children) {
    const sdad = top.children.find((t) => t.tag === T.SDAD);
    return sdad ? { sdad: sdad.value, object: '9F4B' } : null;
  }
  return null;
}

function dda(
  session: OdaSession,
  icc: RecoveredKey,
  ia: CommandAnswer,
  deps: OdaStep[],
): MethodResult {
  const own: OdaStep[] = [];
  const ddolBytes = session.objects.get(T.DDOL) ?? DEFAULT_DDOL;
  const ddol = safeDol(ddolBytes);
  const size = ddol?.reduce((n, e) => n + e.length, 0) ?? -1;
  const hasUn = ddol?.some((e) => e.tag === T.UN) ?? false;
  const ddolOk = hasUn && size === ia.data.length;
  const which = session.objects.has(T.DDOL) ? '9F49' : 'default DDOL';
  record(own, '9F49', 'ddol', ddolOk, `${which} ${toHex(ddolBytes)}, ${ia.data.length} bytes sent`);

  const sw = ia.sw.toString(16).toUpperCase().padStart(4, '0');
  if (!record(own, '88', 'response', ia.sw === 0x9000, `INTERNAL AUTHENTICATE answered ${sw}`)) {
    return finish('DDA', deps, own);
  }
  const found = sdadOf(ia.answer);
  if (
    !record(
      own,
      '88',
      'response',
      found !== null,
      found ? `format ${found.object === '80' ? 1 : 2}` : 'no SDAD',
    )
  ) {
    return finish('DDA', deps, own);
  }
  const r = verifyDynamicSignature(icc, found!.sdad, ia.data, found!.object);
  own.push(...r.steps);
  const m = finish('DDA', deps, own);
  if (r.idn) m.idn = r.idn;
  return m;
}

function fdda(
  session: OdaSession,
  icc: RecoveredKey,
  sdad: Uint8Array,
  deps: OdaStep[],
): MethodResult {
  const own: OdaStep[] = [];
  const pdol = safeDol(session.objects.get(T.PDOL));
  const pdolData = session.pdolData ?? new Uint8Array(0);
  const un = pdol ? dolValue(pdol, pdolData, T.UN) : undefined;
  if (
    !record(
      own,
      '9F37',
      'presence',
      un !== undefined,
      un ? 'from PDOL data' : 'not in the PDOL data sent',
    )
  ) {
    return finish('fDDA', deps, own);
  }

  // Visa fDDA version 01 also hashes amount, currency and Card Authentication Related Data.
  const cad = session.objects.get(T.CARD_AUTH_DATA);
  let terminal = un!;
  if (cad && cad[0] === 0x01) {
    const amount = dolValue(pdol!, pdolData, T.AMOUNT) ?? new Uint8Array(6);
    const currency = dolValue(pdol!, pdolData, T.CURRENCY) ?? new Uint8Array(2);
    terminal = concatBytes(un!, amount, currency, cad);
  }
  // Visa's fDDA signs with Signed Data Format 95 (a real Apple Pay Visa signature recovers to
  // 6A 95 ...); the DDA format 05 is accepted too.
  const r = verifyDynamicSignature(icc, sdad, terminal, '9F4B', [0x95, 0x05]);
  own.push(...r.steps);
  const m = finish('fDDA', deps, own);
  if (r.idn) m.idn = r.idn;
  return m;
}

function cda(session: OdaSession, icc: RecoveredKey, n: number, deps: OdaStep[]): MethodResult {
  const own: OdaStep[] = [];
  const genac = session.generateAc[n];
  const top = decodeTlvLenient(genac.answer).elements[0];
  const format2 = top?.tag === 0x77 && top.children !== undefined;
  const sdad = format2 ? top.children!.find((t) => t.tag === T.SDAD) : undefined;
  const cid = format2 ? top.children!.find((t) => t.tag === T.CID) : undefined;
  if (
    !record(
      own,
      'AE',
      'response',
      sdad !== undefined && cid !== undefined,
      'format 2 answer with 9F4B and 9F27',
    )
  ) {
    return withAc(finish('CDA', deps, own), n);
  }

  const dolTag = n === 0 ? T.CDOL1 : T.CDOL2;
  const dol = safeDol(session.objects.get(dolTag));
  const un = dol ? dolValue(dol, genac.data, T.UN) : undefined;
  const dolName = n === 0 ? '8C' : '8D';
  if (
    !record(
      own,
      dolName,
      'presence',
      un !== undefined,
      un ? `9F37 ${toHex(un)} in CDOL data` : 'no 9F37 in CDOL',
    )
  ) {
    return withAc(finish('CDA', deps, own), n);
  }

  const cdolData = n === 0 ? [genac.data] : [session.generateAc[0].data, genac.data];
  const tlvs = top
    .children!.filter((t) => t.tag !== T.SDAD)
    .map((t) =>
      genac.answer.subarray(
        t.offset,
        t.value.byteOffset - genac.answer.byteOffset + t.value.length,
      ),
    );
  const transactionData = concatBytes(session.pdolData ?? new Uint8Array(0), ...cdolData, ...tlvs);

  const r = verifyCdaSignature(icc, {
    sdad: sdad!.value,
    unpredictableNumber: un!,
    cid: cid!.value,
    transactionData,
  });
  own.push(...r.steps);
  const m = finish('CDA', deps, own);
  if (r.idn) m.idn = r.idn;
  if (r.cryptogram) m.cryptogram = r.cryptogram;
  return withAc(m, n);
}

function withAc(m: MethodResult, n: number): MethodResult {
  m.generateAc = n + 1;
  return m;
}

/** Verifies one application session (see `readOdaSession`). */
export function verifySession(session: OdaSession, options: OdaOptions = {}): OdaReport {
  const date = options.date ?? new Date();
  const capks = options.capks ?? builtinCapks();
  const o = session.objects;

  const aidBytes = session.aid ?? o.get(T.DF_NAME) ?? o.get(T.AID) ?? null;
  const rid = aidBytes && aidBytes.length >= 5 ? toHex(aidBytes.subarray(0, 5)) : null;
  const aip = session.aip;
  const aipBit = (bit: number) => aip !== null && (aip[0] & bit) !== 0;
  const supports = { sda: aipBit(0x40), dda: aipBit(0x20), cda: aipBit(0x01) };
  const hasOda = [T.CAPK_INDEX, T.ISSUER_CERT, T.SSAD, T.ICC_CERT, T.SDAD].some((t) => o.has(t));
  const cdaAcs = session.generateAc
    .map((g, i) => ((g.p1 & 0x10) !== 0 ? i : -1))
    .filter((i) => i >= 0);

  const chain: OdaStep[] = [];
  const methods: MethodResult[] = [];
  let capk: Capk | null = null;
  let issuer: KeyRecovery | null = null;
  let icc: KeyRecovery | null = null;
  let staticData: Uint8Array | null = null;

  if (hasOda) {
    const r = issuerChain(session, rid, capks, date, chain);
    capk = r.capk;
    issuer = r.issuer;

    const afl = session.afl;
    if (
      record(
        chain,
        '94',
        'presence',
        afl !== null,
        afl ? 'AFL from GPO' : 'no GET PROCESSING OPTIONS answer',
      )
    ) {
      const s = buildStaticData(afl!, session.records, o.get(T.SDA_TAG_LIST), aip);
      chain.push(...s.steps);
      staticData = s.data;
    }
  }
  const issuerDeps = [...chain];
  const issuerOk = issuer?.key != null && signaturesValid(issuerDeps);

  // SDA (Book 2 §5.4), when the card gave an SSAD, or claims SDA and gives no ICC key.
  if (o.has(T.SSAD) || (supports.sda && !o.has(T.ICC_CERT))) {
    const own: OdaStep[] = [];
    const ssad = o.get(T.SSAD);
    if (
      record(
        own,
        '93',
        'presence',
        ssad !== undefined,
        ssad ? 'present' : 'not given by the card',
      ) &&
      issuerOk
    ) {
      const r = verifySignedStaticData(issuer!.key!, ssad!, staticData!);
      own.push(...r.steps);
      const m = finish('SDA', issuerDeps, own);
      m.dac = r.dac ?? undefined;
      if (!m.dac) delete m.dac;
      methods.push(m);
    } else {
      methods.push(finish('SDA', issuerDeps, own));
    }
  }

  // The ICC key (Book 2 §6.4), for DDA, fDDA and CDA.
  const dynamicWanted =
    o.has(T.ICC_CERT) ||
    session.internalAuthenticate.length > 0 ||
    cdaAcs.length > 0 ||
    o.has(T.SDAD);
  if (dynamicWanted && hasOda) {
    const cert = o.get(T.ICC_CERT);
    const exponent = o.get(T.ICC_EXPONENT);
    const present =
      record(
        chain,
        '9F46',
        'presence',
        cert !== undefined,
        cert ? 'present' : 'not given by the card',
      ) &&
      record(
        chain,
        '9F47',
        'presence',
        exponent !== undefined,
        exponent ? 'present' : 'not given by the card',
      );
    if (present && issuerOk) {
      icc = recoverIccKey(issuer!.key!, {
        certificate: cert!,
        remainder: o.get(T.ICC_REMAINDER),
        exponent: exponent!,
        pan: o.get(T.PAN) ?? new Uint8Array(0),
        staticData,
        date,
      });
      chain.push(...icc.steps);
    }
  }
  const iccDeps = [...chain];
  const iccKey = icc?.key && signaturesValid(iccDeps) ? icc.key : null;

  const ia = session.internalAuthenticate[session.internalAuthenticate.length - 1];
  if (ia) methods.push(iccKey ? dda(session, iccKey, ia, iccDeps) : finish('DDA', iccDeps, []));
  else if (supports.dda && !o.has(T.SDAD))
    methods.push(notPerformed('DDA', 'no INTERNAL AUTHENTICATE in the session'));

  // fDDA and CDA hash the PDOL data: unknown when the GPO command was not captured (or was
  // replayed). The chain checks need nothing from it and still decide a failure; the signature
  // is then not performed rather than failed over a guessed Unpredictable Number.
  const unknown = session.pdolUnknown;
  const fddaSdad = o.get(T.SDAD);
  if (fddaSdad && iccKey && unknown) methods.push(notPerformed('fDDA', unknown));
  else if (fddaSdad)
    methods.push(iccKey ? fdda(session, iccKey, fddaSdad, iccDeps) : finish('fDDA', iccDeps, []));

  for (const n of cdaAcs) {
    if (iccKey && unknown) methods.push(withAc(notPerformed('CDA', unknown), n));
    else
      methods.push(
        iccKey ? cda(session, iccKey, n, iccDeps) : withAc(finish('CDA', iccDeps, []), n),
      );
  }
  if (cdaAcs.length === 0 && supports.cda) {
    methods.push(notPerformed('CDA', 'no GENERATE AC asking for CDA in the session'));
  }
  if (!hasOda) {
    for (const m of methods)
      if (m.status === 'failed')
        Object.assign(m, notPerformed(m.method, 'the card gave no ODA data'));
  }

  const performed = methods.filter((m) => m.status !== 'not performed');
  const valid = performed.length > 0 && performed.every((m) => m.signatureValid);
  const expired = chain.some((s) => s.check === 'expiry' && !s.ok);

  let tvr = performed.length === 0 ? 0x80 : 0;
  if (chain.some((s) => s.check === 'presence' && !s.ok)) tvr |= 0x20;
  for (const m of performed) {
    if (!m.ok) tvr |= m.method === 'SDA' ? 0x40 : m.method === 'CDA' ? 0x04 : 0x08;
    if (m.method === 'SDA') tvr |= 0x02;
  }

  return {
    aid: aidBytes ? toHex(aidBytes) : null,
    rid,
    capk: capk
      ? {
          rid: capk.rid,
          index: capk.index,
          bits: capk.modulus.length * 8,
          use: capk.use,
          label: capk.label,
        }
      : null,
    pan: digits(o.get(T.PAN)),
    certificatePan: icc?.pan || null,
    aip: aip ? toHex(aip) : null,
    supports,
    date: isoDay(date),
    chain,
    issuerKey: keyFacts(issuer?.key ?? null),
    iccKey: keyFacts(icc?.key ?? null),
    staticData: staticData ? toHex(staticData) : null,
    methods,
    signaturesValid: valid,
    certificatesExpired: expired,
    ok: valid && !expired,
    tvrByte1: toHex([tvr]),
  };
}
