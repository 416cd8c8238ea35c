/**
 * How a read result is shown: a readable summary, or one JSON object (schema in
 * docs/json-schema.md). PANs are masked everywhere unless `reveal` is set.
 */

import { describeSw, statusWord } from '../apdu/status.js';
import { instructionName } from '../apdu/commands.js';
import { toHex } from '../bytes/hex.js';
import { maskPan } from '../card/pan.js';
import { maskPansIn } from '../card/pan.js';
import { findPans, maskedHex } from '../card/privacy.js';
import type { ReadResult } from '../read/result.js';
import type { Exchange } from '../transport/transceiver.js';

export interface ShowOptions {
  reveal: boolean;
}

/** Every PAN a result could show: the one read, the other applications', any in the answers. */
export function pansOf(result: ReadResult): Set<string> {
  const pans = new Set<string>();
  const add = (r: ReadResult) => {
    if (r.pan) pans.add(r.pan);
    for (const o of r.others ?? []) add(o);
  };
  add(result);
  findPans(
    result.exchanges.map((e) => e.response.subarray(0, Math.max(0, e.response.length - 2))),
    pans,
  );
  return pans;
}

function hexOf(bytes: Uint8Array, pans: Set<string>, reveal: boolean, separator = ''): string {
  return reveal ? toHex(bytes, separator) : maskedHex(bytes, pans, separator);
}

/** The result as a plain object for JSON output. */
export function resultToJson(
  result: ReadResult,
  options: ShowOptions,
  pans = pansOf(result),
): object {
  const reveal = options.reveal;
  const pan = result.pan ? (reveal ? result.pan : maskPan(result.pan)) : null;
  const text = (s: string | undefined) =>
    s === undefined ? null : reveal ? s : maskPansIn(s, pans);

  return {
    ok: result.ok,
    pan,
    panMasked: !reveal && result.pan !== undefined,
    expiry: result.expiry ?? null,
    expired: result.expired ?? null,
    aid: result.aid ?? null,
    brand: result.brand ?? null,
    brands: result.brands,
    label: result.label ?? null,
    preferredName: result.preferredName ?? null,
    cardholderName: result.cardholderName ?? null,
    ...(result.cardholderNameHex ? { cardholderNameHex: result.cardholderNameHex } : {}),
    panSequenceNumber: result.panSequenceNumber ?? null,
    serviceCode: result.serviceCode ?? null,
    track2: result.track2 ?? null,
    paymentAccountReference: result.paymentAccountReference ?? null,
    profile: result.profile ?? null,
    applications: result.applications,
    warnings: result.warnings.map((w) => ({ code: w.code, message: text(w.message) })),
    dataObjects: result.dataObjects.map((o) => ({
      tag: o.tag,
      value: hexOf(o.value, pans, reveal),
      source: o.source,
    })),
    ...(result.extra ? { full: result.extra } : {}),
    ...(result.others
      ? { others: result.others.map((o) => resultToJson({ ...o, exchanges: [] }, options, pans)) }
      : {}),
    exchanges: result.exchanges.length,
    ...(result.error
      ? {
          error: {
            code: result.error.code,
            message: text(result.error.message),
            ...('sw' in result.error && result.error.sw ? { sw: result.error.sw } : {}),
          },
        }
      : {}),
  };
}

function line(label: string, value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : `${label.padEnd(13)}${value}`;
}

/** The readable summary printed by `paycard read`. */
export function formatSummary(
  result: ReadResult,
  options: ShowOptions,
  pans = pansOf(result),
): string {
  const reveal = options.reveal;
  const lines: (string | undefined)[] = [];
  const brand = result.brands.length ? result.brands.join(' + ') : result.brand;

  lines.push(line('Card', [brand, result.label && `"${result.label}"`].filter(Boolean).join(' ')));
  lines.push(line('AID', result.aid));
  if (result.pan)
    lines.push(
      line(
        'PAN',
        (reveal ? result.pan : maskPan(result.pan)) +
          (reveal ? '' : '  (masked; --reveal shows it)'),
      ),
    );
  if (result.expiry)
    lines.push(line('Expiry', result.expiry + (result.expired ? '  (expired)' : '')));
  lines.push(line('Name', result.cardholderName));
  lines.push(line('Preferred', result.preferredName));
  lines.push(line('PSN', result.panSequenceNumber));
  lines.push(line('Service code', result.serviceCode));
  lines.push(line('PAR', result.paymentAccountReference));
  lines.push(line('Profile', result.profile));
  if (result.ok) lines.push(line('CVV', 'not on the chip: no card gives its CVV/CVC to a reader'));

  if (result.applications.length) {
    lines.push('Applications');
    result.applications.forEach((a, i) => {
      const bits = [
        a.aid,
        a.brand,
        a.label && `"${a.label}"`,
        `via ${a.foundBy}`,
        a.priority ? `priority ${a.priority}` : undefined,
        a.blocked ? 'BLOCKED' : undefined,
      ];
      lines.push(`  ${i + 1}. ${bits.filter(Boolean).join('  ')}`);
    });
  }

  const extra = result.extra;
  if (extra) {
    lines.push('Card data');
    const show = (label: string, r: { value?: unknown; error?: string } | undefined) => {
      if (!r) return;
      lines.push(
        `  ${label.padEnd(20)}${r.value !== undefined ? String(r.value) : `(not available: ${r.error})`}`,
      );
    };
    show('ATC', extra.atc);
    show('Last online ATC', extra.lastOnlineAtc);
    show('PIN tries left', extra.pinTryCounter);
    show('Log format', extra.logFormat);
    if (extra.transactionLog?.value) {
      lines.push(`  Transaction log     ${extra.transactionLog.value.length} entries`);
      for (const e of extra.transactionLog.value) {
        lines.push(
          `    ${[e.date, e.amount && `${e.amount} (currency ${e.currency ?? '?'})`, e.country && `country ${e.country}`, e.type && `type ${e.type}`, e.counter !== undefined && `ATC ${e.counter}`].filter(Boolean).join('  ')}`,
        );
      }
    } else show('Transaction log', extra.transactionLog);
    if (extra.cplc?.value) {
      const c = extra.cplc.value;
      lines.push(
        `  CPLC                IC fabricator ${c.icFabricator}, IC type ${c.icType}, OS ${c.osId}, personalised ${c.icPersonalizationDate.date ?? c.icPersonalizationDate.raw}`,
      );
    } else show('CPLC', extra.cplc);
  }

  for (const other of result.others ?? []) {
    const what = other.ok
      ? `${reveal ? other.pan : maskPan(other.pan ?? '')} expiry ${other.expiry ?? '?'}`
      : `failed: ${other.error?.message ?? 'no card number'}`;
    lines.push(`Also         ${other.aid} ${other.label ?? other.brand ?? ''}: ${what}`);
  }

  if (result.warnings.length) {
    lines.push('Warnings');
    for (const w of result.warnings)
      lines.push(`  - ${reveal ? w.message : maskPansIn(w.message, pans)}`);
  }
  return lines.filter((l) => l !== undefined).join('\n');
}

/** One exchange for `-v`: the command, the answer, the status word in words. */
export function formatExchange(e: Exchange, pans: Set<string>, reveal: boolean): string {
  const sw = statusWord(e.response);
  const data = e.response.subarray(0, Math.max(0, e.response.length - 2));
  return (
    `> ${hexOf(e.command, pans, reveal, ' ')}   ${instructionName(e.command)}\n` +
    `< ${hexOf(data, pans, reveal, ' ')}${data.length ? ' ' : ''}${sw < 0 ? '' : toHex([sw >> 8, sw & 0xff])}   ${describeSw(sw)}`
  );
}
