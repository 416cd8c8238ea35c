/**
 * The TLV decoders compared in `npm run bench`: paycard, five JavaScript peers, and a minimal
 * offset-based walker as the near-limit. Each entry decodes the whole corpus (every answer,
 * nested templates included) from the input form its API takes, prepared outside the timing:
 * bytes for most, a Buffer for ber-tlv and node-tlv, a hex string for node-emv.
 *
 * `count(input)` gives the number of elements a decoder produced for one answer, so that the
 * bench can check every peer did the same work (nested decode included) before timing it.
 */

import { createRequire } from 'node:module';
import * as tomkp from '@tomkp/ber-tlv';
import * as asn1js from 'asn1js';
import { decodeTlv } from '../dist/index.js';

const require = createRequire(import.meta.url);
const berTlv = require('ber-tlv');
const nodeTlv = require('node-tlv');
const nodeEmv = require('node-emv');

/**
 * A minimal BER-TLV walker: tag, length and value offsets of every element, nested ones
 * included, written to a preallocated Int32Array (no objects, no views). Skips 00/FF padding
 * as paycard does; no limits and no error reporting beyond stopping.
 */
const slots = new Int32Array(3 * 8192);
function walk(buf, start, end, n) {
  let i = start;
  while (i < end) {
    const first = buf[i];
    if (first === 0x00 || first === 0xff) {
      i++;
      continue;
    }
    let tag = first;
    i++;
    if ((first & 0x1f) === 0x1f) {
      let b;
      do {
        b = buf[i++];
        tag = tag * 256 + b;
      } while (b & 0x80 && i < end);
    }
    let length = buf[i++];
    if (length & 0x80) {
      const k = length & 0x7f;
      length = 0;
      for (let j = 0; j < k; j++) length = length * 256 + buf[i++];
    }
    const valueEnd = i + length;
    if (valueEnd > end) return -1;
    slots[3 * n] = tag;
    slots[3 * n + 1] = i;
    slots[3 * n + 2] = length;
    n++;
    if (first & 0x20) {
      n = walk(buf, i, valueEnd, n);
      if (n < 0) return n;
    }
    i = valueEnd;
  }
  return n;
}

/** Counts elements in a tree whose children are under `key` (an array, or absent). */
function countTree(nodes, key) {
  let n = 0;
  for (const node of nodes) {
    n++;
    const kids = typeof key === 'function' ? key(node) : node[key];
    if (Array.isArray(kids)) n += countTree(kids, key);
  }
  return n;
}

/** node-tlv parses one element per call: walk the top level by its `size`. */
function nodeTlvAll(buf) {
  const out = [];
  for (let offset = 0; offset < buf.length;) {
    const t = nodeTlv.parse(buf.subarray(offset));
    out.push(t);
    offset += t.size;
  }
  return out;
}

/** asn1js decodes one element per call: go on from the returned offset. */
function asn1All(bytes) {
  const out = [];
  for (let offset = 0; offset < bytes.length;) {
    const r = asn1js.fromBER(bytes.subarray(offset));
    if (r.offset === -1) throw new Error(r.result.error);
    out.push(r.result);
    offset += r.offset;
  }
  return out;
}

function asn1Children(block) {
  return block.idBlock.isConstructed ? block.valueBlock.value : undefined;
}

/** node-emv reports through a synchronous callback and logs long-form lengths: silenced. */
function nodeEmvParse(hex) {
  let out;
  const log = console.log;
  console.log = () => {};
  try {
    nodeEmv.parse(hex, (d) => {
      out = d;
    });
  } finally {
    console.log = log;
  }
  return out;
}

/** Each decoder: `prepare(bytes)` makes its input once, `decode(input)`, `count(input)`. */
export const decoders = {
  paycard: {
    prepare: (b) => b,
    decode: (b) => decodeTlv(b),
    count: (b) => countTree(decodeTlv(b), 'children'),
  },
  '@tomkp/ber-tlv': {
    prepare: (b) => b,
    decode: (b) => tomkp.parse(b),
    count: (b) => countTree(tomkp.parse(b), 'children'),
  },
  'ber-tlv': {
    prepare: (b) => Buffer.from(b.buffer, b.byteOffset, b.length),
    decode: (b) => berTlv.TlvFactory.parse(b),
    count: (b) => countTree(berTlv.TlvFactory.parse(b), 'items'),
  },
  'node-tlv': {
    prepare: (b) => Buffer.from(b.buffer, b.byteOffset, b.length),
    decode: (b) => nodeTlvAll(b),
    count: (b) => countTree(nodeTlvAll(b), 'child'),
  },
  'node-emv': {
    prepare: (b) => Buffer.from(b.buffer, b.byteOffset, b.length).toString('hex').toUpperCase(),
    decode: (h) => nodeEmvParse(h),
    count: (h) => countTree(nodeEmvParse(h), 'value'),
  },
  asn1js: {
    prepare: (b) => b,
    decode: (b) => asn1All(b),
    count: (b) => countTree(asn1All(b), asn1Children),
  },
  walker: {
    prepare: (b) => b,
    decode: (b) => walk(b, 0, b.length, 0),
    count: (b) => walk(b, 0, b.length, 0),
  },
};
