/**
 * The vocabulary of an ODA result: which check ran on which data object, and whether it passed.
 * The checks are those of EMV Book 2 §5.3, §5.4, §6.3, §6.4, §6.5.2 and §6.6.2, in that order.
 */

/** One check of EMV Book 2, by name. */
export type OdaCheck =
  | 'capk'
  | 'presence'
  | 'length'
  | 'range'
  | 'trailer'
  | 'header'
  | 'format'
  | 'hash-algorithm'
  | 'hash'
  | 'issuer-id'
  | 'pan'
  | 'expiry'
  | 'pk-algorithm'
  | 'padding'
  | 'remainder'
  | 'static-data'
  | 'sda-tag-list'
  | 'ddol'
  | 'dynamic-data'
  | 'cid'
  | 'tdhc'
  | 'response';

/** One check done on one object (a tag as hex, e.g. `90`, `9F46`, or `capk`, `static data`). */
export interface OdaStep {
  object: string;
  check: OdaCheck;
  ok: boolean;
  detail: string;
}

/** Appends a step and returns whether it passed. */
export function record(
  steps: OdaStep[],
  object: string,
  check: OdaCheck,
  ok: boolean,
  detail: string,
): boolean {
  steps.push({ object, check, ok, detail });
  return ok;
}

/**
 * The first failed step, expiry last: an expired certificate is a separate fact from a bad
 * signature, so a signature failure is named first when both happened.
 */
export function firstFailure(steps: readonly OdaStep[]): OdaStep | undefined {
  return steps.find((s) => !s.ok && s.check !== 'expiry') ?? steps.find((s) => !s.ok);
}

/** True when every step passed except, possibly, expiry checks. */
export function signaturesValid(steps: readonly OdaStep[]): boolean {
  return steps.every((s) => s.ok || s.check === 'expiry');
}
