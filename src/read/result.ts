/**
 * What a read returns. Everything a card said is kept (every data object with where it came
 * from, the APDU exchange); the named fields are what people look for first.
 */

import type { PaycardError } from '../errors.js';
import type { Exchange } from '../transport/transceiver.js';

/** One primitive data object and the answer it came from. */
export interface DataObject {
  /** Tag as upper-case hex, e.g. `"5F24"`. */
  tag: string;
  value: Uint8Array;
  /** Where it came from: `"PPSE"`, `"SELECT"`, `"GPO"`, `"READ RECORD 1.2"`, `"GET DATA"`... */
  source: string;
}

export interface ApplicationInfo {
  aid: string;
  label?: string;
  preferredName?: string;
  /** Application Priority Indicator (87) low nibble; 0 or absent means no priority. */
  priority?: number;
  brand?: string;
  /** Where the application was found: a directory or the AID probe. */
  foundBy: 'PPSE' | 'PSE' | 'probe';
  /** The application answered SELECT with 6283 (blocked) and was skipped. */
  blocked?: boolean;
  /** An Android HCE placeholder, skipped. */
  placeholder?: boolean;
}

export interface Warning {
  code: string;
  message: string;
}

export interface Track2Info {
  serviceCode: string;
  discretionary: string;
  expiry: string;
}

export interface ReadResult {
  /**
   * True when a card number was read and the read completed. A read that ends early (card
   * removed, timeout) has `ok` false and `error` set, but keeps every field it got before.
   */
  ok: boolean;
  /** The PAN, digits only, F padding removed. */
  pan?: string;
  /** Expiry as YYYY-MM. */
  expiry?: string;
  /** True when the expiry month lies before the date the read was made. */
  expired?: boolean;
  panSequenceNumber?: string;
  cardholderName?: string;
  /** The cardholder name's bytes as hex, when they are not plain ASCII. */
  cardholderNameHex?: string;
  aid?: string;
  label?: string;
  preferredName?: string;
  /** Brand from the AID table, else from the PAN. */
  brand?: string;
  /** Every brand the AID and the PAN's IIN name (a co-badged card lists both). */
  brands: string[];
  serviceCode?: string;
  track2?: Track2Info;
  /**
   * Payment Account Reference (9F24, EMVCo): the same for the card and every token of it (a
   * phone wallet's device PAN), so it links them without the card number.
   */
  paymentAccountReference?: string;
  /** Terminal profile whose PDOL data the card accepted. */
  profile?: string;
  /** Applications the card lists (directory) or answered (probe), in priority order. */
  applications: ApplicationInfo[];
  /** Every primitive data object of the application read. */
  dataObjects: DataObject[];
  warnings: Warning[];
  /** Results of the other applications, on a full read. */
  others?: ReadResult[];
  /** Optional data of a full read. */
  extra?: import('./full.js').FullReadData;
  error?: PaycardError;
  /** Every command and answer, in order. */
  exchanges: Exchange[];
}
