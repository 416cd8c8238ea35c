/**
 * Data objects as a read keeps them: every primitive element of the answers, in the order the
 * card gave them, with the answer each came from.
 */

import type { Tlv } from '../tlv/tlv.js';
import type { DataObject } from './result.js';

/** A tag as the read result spells it: upper-case hex, whole bytes (`"5F24"`, `"57"`). */
export function tagKey(tag: number): string {
  return tag.toString(16).toUpperCase().padStart(2, '0');
}

/**
 * Adds the primitive elements of `elements` to `into`. An element cut short by the end of its
 * answer is left out: a partial PAN or date is worse than none (the truncation is already a
 * warning of the read).
 */
export function collectObjects(elements: readonly Tlv[], source: string, into: DataObject[]): void {
  for (const e of elements) {
    if (e.children) collectObjects(e.children, source, into);
    else if (!e.truncated) into.push({ tag: tagKey(e.tag), value: e.value, source });
  }
}

/** The first data object with `tag`, in the order the card gave them. */
export function firstObject(objects: readonly DataObject[], tag: string): DataObject | undefined {
  for (const o of objects) if (o.tag === tag) return o;
  return undefined;
}
