/**
 * The result of offline data authentication on one application session: every step that ran,
 * the keys recovered, and one result per method (SDA, DDA, fDDA, CDA). Signature validity and
 * certificate expiry are kept apart: an expired certificate with a good signature is reported as
 * both "signature valid" and "certificate expired".
 */

import type { OdaCheck, OdaStep } from './steps.js';

export type OdaMethod = 'SDA' | 'DDA' | 'fDDA' | 'CDA';

/** A recovered public key, as reported. */
export interface KeyFacts {
  /** Modulus, hex. */
  modulus: string;
  /** Exponent, hex. */
  exponent: string;
  bits: number;
  /** Certificate expiry `YYYY-MM`. */
  expiry: string;
  /** The certificate has expired on the report's date. */
  expired: boolean;
  /** Certificate serial number, hex. */
  serial: string;
  /**
   * Issuer identifier (issuer key, a BIN of up to 8 digits) or application PAN (ICC key) from
   * the certificate, hex (F-padded). The ICC key's is a PAN: mask it before showing it.
   */
  identifier: string;
}

/** One ODA method's outcome. */
export interface MethodResult {
  method: OdaMethod;
  /** `valid`: every signature check passed; `failed`: one did not; `not performed`: no data. */
  status: 'valid' | 'failed' | 'not performed';
  /** Every check passed, expiry included (the EMV outcome). */
  ok: boolean;
  /** Every check other than certificate expiry passed. */
  signatureValid: boolean;
  /** A certificate in the chain this method used has expired. */
  certificateExpired: boolean;
  /** The first failed check (signature checks before expiry) and its object, when one failed. */
  failedCheck?: OdaCheck;
  object?: string;
  /** Why it failed or was not performed, in words. */
  reason?: string;
  /** This method's own steps (the chain's steps are in `OdaReport.chain`). */
  steps: OdaStep[];
  /** SDA: Data Authentication Code (9F45), hex. */
  dac?: string;
  /** DDA, fDDA, CDA: ICC Dynamic Number (9F4C), hex. */
  idn?: string;
  /** CDA: the Application Cryptogram taken from the signature, hex. */
  cryptogram?: string;
  /** CDA: which GENERATE AC (1 or 2). */
  generateAc?: number;
}

/** What ODA found in one application session. */
export interface OdaReport {
  /** Application identifier selected, hex. */
  aid: string | null;
  rid: string | null;
  /** CA key used (or asked for, when unknown). */
  capk: { rid: string; index: string; bits: number; use: string; label: string | null } | null;
  /** Application PAN (5A), digits only. Mask it before showing it. */
  pan: string | null;
  /**
   * Application PAN recovered from the ICC public key certificate (9F46), digits only, or null
   * when the certificate was not opened. Mask it before showing it (`maskOdaReport`).
   */
  certificatePan: string | null;
  /** Application Interchange Profile (82), hex. */
  aip: string | null;
  /** What the AIP says the card supports (EMV Book 3 Annex C1). */
  supports: { sda: boolean; dda: boolean; cda: boolean };
  /** The date certificates were checked against, `YYYY-MM-DD`. */
  date: string;
  /** Steps of the key chain in order: CA key, issuer certificate, static data, ICC certificate. */
  chain: OdaStep[];
  issuerKey: KeyFacts | null;
  iccKey: KeyFacts | null;
  /** Static data to be authenticated (Book 3 §10.3), hex. */
  staticData: string | null;
  methods: MethodResult[];
  /** At least one method ran, and every method that ran has valid signatures. */
  signaturesValid: boolean;
  /** A certificate in the chain has expired on `date`. */
  certificatesExpired: boolean;
  /** `signaturesValid` and no certificate expired. */
  ok: boolean;
  /** Terminal Verification Results byte 1 as ODA sets it (Book 3 Annex C5), hex. */
  tvrByte1: string;
}
