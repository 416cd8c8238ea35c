/**
 * Payment application identifiers (ISO/IEC 7816-5 RID + PIX) and their brands, as a plain table.
 * `probe: true` entries are tried one by one, in this order, when a card has neither a PPSE nor
 * a PSE (EMV Book 1 §12.3.3, "list of AIDs" method). Full AIDs only: many cards refuse a
 * partial name (just the RID).
 */

export interface AidEntry {
  aid: string;
  brand: string;
  product: string;
  probe: boolean;
}

export const AIDS: readonly AidEntry[] = [
  { aid: 'A0000000031010', brand: 'Visa', product: 'Visa credit or debit', probe: true },
  {
    aid: 'A0000000041010',
    brand: 'Mastercard',
    product: 'Mastercard credit or debit',
    probe: true,
  },
  { aid: 'A000000025010801', brand: 'American Express', product: 'American Express', probe: true },
  { aid: 'A000000025010402', brand: 'American Express', product: 'American Express', probe: true },
  { aid: 'A000000025010403', brand: 'American Express', product: 'American Express', probe: true },
  {
    aid: 'A000000025010701',
    brand: 'American Express',
    product: 'American Express ExpressPay',
    probe: true,
  },
  { aid: 'A0000000032010', brand: 'Visa', product: 'Visa Electron', probe: true },
  { aid: 'A0000000032020', brand: 'Visa', product: 'V PAY', probe: true },
  { aid: 'A0000000038010', brand: 'Visa', product: 'Visa Plus', probe: true },
  { aid: 'A0000000033010', brand: 'Visa', product: 'Visa Interlink', probe: true },
  { aid: 'A0000000043060', brand: 'Maestro', product: 'Maestro (debit)', probe: true },
  { aid: 'A0000000046000', brand: 'Mastercard', product: 'Cirrus', probe: true },
  { aid: 'A0000000042203', brand: 'Mastercard', product: 'Mastercard U.S. Maestro', probe: true },
  {
    aid: 'A0000001523010',
    brand: 'Discover',
    product: 'Discover / Diners Club International',
    probe: true,
  },
  { aid: 'A0000001524010', brand: 'Discover', product: 'Discover U.S. Common Debit', probe: true },
  { aid: 'A0000001544442', brand: 'Discover', product: 'Discover ZIP', probe: true },
  { aid: 'A0000000651010', brand: 'JCB', product: 'JCB', probe: true },
  { aid: 'A000000333010101', brand: 'UnionPay', product: 'UnionPay debit', probe: true },
  { aid: 'A000000333010102', brand: 'UnionPay', product: 'UnionPay credit', probe: true },
  { aid: 'A000000333010103', brand: 'UnionPay', product: 'UnionPay quasi-credit', probe: true },
  { aid: 'A000000333010106', brand: 'UnionPay', product: 'UnionPay electronic cash', probe: true },
  { aid: 'A0000002771010', brand: 'Interac', product: 'Interac debit', probe: true },
  { aid: 'A0000006581010', brand: 'Mir', product: 'Mir credit', probe: true },
  { aid: 'A0000006582010', brand: 'Mir', product: 'Mir debit', probe: true },
  { aid: 'A0000005241010', brand: 'RuPay', product: 'RuPay', probe: true },
  {
    aid: 'A0000003591010028001',
    brand: 'girocard',
    product: 'girocard (Deutsche Kreditwirtschaft)',
    probe: true,
  },
  {
    aid: 'A0000000421010',
    brand: 'Cartes Bancaires',
    product: 'CB (Cartes Bancaires)',
    probe: true,
  },
  {
    aid: 'A0000000422010',
    brand: 'Cartes Bancaires',
    product: 'CB (Cartes Bancaires) debit',
    probe: true,
  },
  { aid: 'A0000003710001', brand: 'Interswitch', product: 'Verve', probe: true },
  { aid: 'A0000003844010', brand: 'Eftpos', product: 'eftpos Australia savings', probe: true },
  { aid: 'A0000003842010', brand: 'Eftpos', product: 'eftpos Australia cheque', probe: true },
  { aid: 'A0000004941010', brand: 'Elo', product: 'Elo credit', probe: true },
  { aid: 'A0000004942010', brand: 'Elo', product: 'Elo debit', probe: true },
  { aid: 'A0000001211010', brand: 'Dankort', product: 'Dankort', probe: true },
  { aid: 'A0000001410001', brand: 'Pagobancomat', product: 'Pagobancomat', probe: true },
  { aid: 'A0000000101030', brand: 'Mastercard', product: 'Maestro-CH', probe: true },
  { aid: 'A0000000291010', brand: 'LINK', product: 'LINK ATM (UK)', probe: true },
  { aid: 'A0000000049999', brand: 'Mastercard', product: 'Mastercard test AID', probe: true },
  { aid: 'A0000000999090', brand: 'Mastercard', product: 'Mastercard test AID', probe: true },
  { aid: 'A0000000039999', brand: 'Visa', product: 'Visa test AID', probe: true },
  { aid: 'A0000000999999', brand: 'Visa', product: 'Visa test AID (ADVT)', probe: true },
  // Prefix entries name brands of AIDs a directory lists; they are not probed.
  { aid: 'A000000003', brand: 'Visa', product: 'Visa', probe: false },
  { aid: 'A000000004', brand: 'Mastercard', product: 'Mastercard', probe: false },
  { aid: 'A000000025', brand: 'American Express', product: 'American Express', probe: false },
  { aid: 'A000000152', brand: 'Discover', product: 'Discover', probe: false },
  { aid: 'A000000065', brand: 'JCB', product: 'JCB', probe: false },
  { aid: 'A000000333', brand: 'UnionPay', product: 'UnionPay', probe: false },
  { aid: 'A000000277', brand: 'Interac', product: 'Interac', probe: false },
  { aid: 'A000000658', brand: 'Mir', product: 'Mir', probe: false },
  { aid: 'A000000524', brand: 'RuPay', product: 'RuPay', probe: false },
  { aid: 'A000000359', brand: 'girocard', product: 'girocard', probe: false },
  { aid: 'D27600002547', brand: 'girocard', product: 'girocard (ZKA)', probe: false },
  { aid: 'D27600002545', brand: 'GeldKarte', product: 'GeldKarte electronic purse', probe: false },
  { aid: 'A000000042', brand: 'Cartes Bancaires', product: 'CB', probe: false },
  { aid: 'A000000384', brand: 'Eftpos', product: 'eftpos Australia', probe: false },
  { aid: 'A000000494', brand: 'Elo', product: 'Elo', probe: false },
  { aid: 'A000000371', brand: 'Interswitch', product: 'Verve', probe: false },
  { aid: 'A000000121', brand: 'Dankort', product: 'Dankort', probe: false },
  { aid: 'A000000141', brand: 'Pagobancomat', product: 'Pagobancomat', probe: false },
];

/** Android's HCE service answers SELECT of this AID on every phone with HCE on; it does nothing. */
export const ANDROID_HCE_PLACEHOLDER = 'A000000476416E64726F6964484345';

/** The table entry whose AID is the longest prefix of `aid` (hex, upper case). */
export function lookupAid(aid: string): AidEntry | undefined {
  let best: AidEntry | undefined;
  for (const e of AIDS) {
    if (aid.startsWith(e.aid) && (!best || e.aid.length > best.aid.length)) best = e;
  }
  return best;
}

/** AIDs probed when a card has no directory, in order. */
export function probeAids(): string[] {
  return AIDS.filter((e) => e.probe).map((e) => e.aid);
}
