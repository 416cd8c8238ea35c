/**
 * Brand from the PAN's issuer identification number (IIN ranges as the schemes publish them),
 * the second opinion next to the AID's brand.
 */

interface IinRange {
  from: number;
  to: number;
  digits: number;
  brand: string;
}

// Ranges are compared on the first `digits` digits. More specific ranges come first.
const RANGES: readonly IinRange[] = [
  { from: 2200, to: 2204, digits: 4, brand: 'Mir' },
  { from: 2221, to: 2720, digits: 4, brand: 'Mastercard' },
  { from: 34, to: 34, digits: 2, brand: 'American Express' },
  { from: 37, to: 37, digits: 2, brand: 'American Express' },
  { from: 3528, to: 3589, digits: 4, brand: 'JCB' },
  { from: 300, to: 305, digits: 3, brand: 'Diners Club' },
  { from: 36, to: 36, digits: 2, brand: 'Diners Club' },
  { from: 38, to: 39, digits: 2, brand: 'Diners Club' },
  { from: 4011, to: 4011, digits: 4, brand: 'Elo' },
  { from: 431274, to: 431274, digits: 6, brand: 'Elo' },
  { from: 438935, to: 438935, digits: 6, brand: 'Elo' },
  { from: 451416, to: 451416, digits: 6, brand: 'Elo' },
  { from: 457393, to: 457393, digits: 6, brand: 'Elo' },
  { from: 504175, to: 504175, digits: 6, brand: 'Elo' },
  { from: 506699, to: 506778, digits: 6, brand: 'Elo' },
  { from: 509000, to: 509999, digits: 6, brand: 'Elo' },
  { from: 627780, to: 627780, digits: 6, brand: 'Elo' },
  { from: 636297, to: 636297, digits: 6, brand: 'Elo' },
  { from: 636368, to: 636368, digits: 6, brand: 'Elo' },
  { from: 650031, to: 650033, digits: 6, brand: 'Elo' },
  { from: 650035, to: 650051, digits: 6, brand: 'Elo' },
  { from: 650405, to: 650439, digits: 6, brand: 'Elo' },
  { from: 650485, to: 650538, digits: 6, brand: 'Elo' },
  { from: 650541, to: 650598, digits: 6, brand: 'Elo' },
  { from: 650700, to: 650718, digits: 6, brand: 'Elo' },
  { from: 650720, to: 650727, digits: 6, brand: 'Elo' },
  { from: 650901, to: 650978, digits: 6, brand: 'Elo' },
  { from: 651652, to: 651679, digits: 6, brand: 'Elo' },
  { from: 655000, to: 655019, digits: 6, brand: 'Elo' },
  { from: 655021, to: 655058, digits: 6, brand: 'Elo' },
  { from: 4, to: 4, digits: 1, brand: 'Visa' },
  { from: 506099, to: 506198, digits: 6, brand: 'Verve' },
  { from: 650002, to: 650027, digits: 6, brand: 'Verve' },
  { from: 508500, to: 508999, digits: 6, brand: 'RuPay' },
  { from: 606985, to: 607984, digits: 6, brand: 'RuPay' },
  { from: 608001, to: 608500, digits: 6, brand: 'RuPay' },
  { from: 652150, to: 653149, digits: 6, brand: 'RuPay' },
  { from: 51, to: 55, digits: 2, brand: 'Mastercard' },
  { from: 6011, to: 6011, digits: 4, brand: 'Discover' },
  { from: 644, to: 649, digits: 3, brand: 'Discover' },
  { from: 65, to: 65, digits: 2, brand: 'Discover' },
  { from: 62, to: 62, digits: 2, brand: 'UnionPay' },
  { from: 81, to: 81, digits: 2, brand: 'UnionPay' },
  { from: 50, to: 50, digits: 2, brand: 'Maestro' },
  { from: 56, to: 59, digits: 2, brand: 'Maestro' },
  { from: 63, to: 63, digits: 2, brand: 'Maestro' },
  { from: 67, to: 67, digits: 2, brand: 'Maestro' },
];

/** The brand the PAN's IIN belongs to, or undefined. */
export function brandFromPan(pan: string): string | undefined {
  for (const r of RANGES) {
    if (pan.length < r.digits) continue;
    const head = Number(pan.slice(0, r.digits));
    if (head >= r.from && head <= r.to) return r.brand;
  }
  return undefined;
}
