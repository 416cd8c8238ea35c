/**
 * Hiding card numbers in an ODA report before it is shown: the card's PAN (5A) and the
 * application PAN recovered from the ICC public key certificate (9F46, EMV Book 2 §6.4 table 14)
 * appear in `pan`, `certificatePan`, the ICC key's `identifier`, step details, failure reasons and
 * the static data. Issuer identifiers (90, Book 2 §6.3) are BINs of up to 8 digits: not masked.
 */

import { maskPan, maskPansIn } from '../card/pan.js';
import type { OdaReport } from './report.js';

/** The PANs `report` holds: the card's (5A) and the ICC certificate's, when known. */
export function reportPans(report: OdaReport): string[] {
  return [report.pan, report.certificatePan].filter((p): p is string => p !== null && p !== '');
}

function maskStrings<T>(value: T, pans: readonly string[]): T {
  if (typeof value === 'string') return maskPansIn(value, pans) as T;
  if (Array.isArray(value)) return value.map((v) => maskStrings(v, pans)) as T;
  if (value !== null && typeof value === 'object') {
    const copy: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) copy[k] = maskStrings(v, pans);
    return copy as T;
  }
  return value;
}

/**
 * A copy of `report` with every PAN masked (first 6, last 4) in every text field: the report's
 * own PANs (`reportPans`) and any in `more` (e.g. track 2 PANs the caller found). The input is
 * not changed.
 *
 *     maskOdaReport(report).certificatePan // '541333******0044'
 */
export function maskOdaReport(report: OdaReport, more: Iterable<string> = []): OdaReport {
  const pans = [...new Set([...reportPans(report), ...more])].sort((a, b) => b.length - a.length);
  const masked = maskStrings(report, pans);
  masked.pan = report.pan && maskPan(report.pan);
  masked.certificatePan = report.certificatePan && maskPan(report.certificatePan);
  return masked;
}
