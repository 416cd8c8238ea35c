/**
 * The shape of an entry of the EMV data dictionary (EMV Book 3 Annex A; Book 1 §4.3 for the
 * formats).
 */

/**
 * Data element formats (EMV Book 1 §4.3): `b` binary, `n` BCD numeric, `cn` compressed
 * numeric (BCD padded with F), `a` alphabetic, `an` alphanumeric, `ans` alphanumeric and
 * special, `var` variable (templates and the few objects Book 3 lists as "var.").
 */
export type TagFormat = 'b' | 'n' | 'cn' | 'a' | 'an' | 'ans' | 'var';

/** Where a data object comes from: the card, the terminal, or the issuer (through the terminal). */
export type TagSource = 'card' | 'terminal' | 'issuer';

/** Payment schemes whose contactless kernels (EMV Books C-2 to C-7) redefine some tags. */
export type Scheme = 'visa' | 'mastercard' | 'amex' | 'jcb' | 'discover' | 'unionpay' | 'interac';

/** One data object of the dictionary. */
export interface TagRow {
  /** Tag as upper-case hex, e.g. `'9F38'`. */
  readonly tag: string;
  /** Canonical name (EMV Book 3 Annex A wording where the tag is there). */
  readonly name: string;
  readonly format: TagFormat;
  readonly source: TagSource;
  /** Templates the object is found in, as hex tags; empty when it is not in a template. */
  readonly templates: readonly string[];
  /** Value length range in bytes, `[min, max]`. */
  readonly length: readonly [number, number];
  /** Set when this row is the meaning of the tag for one scheme's kernel only. */
  readonly scheme?: Scheme;
}
