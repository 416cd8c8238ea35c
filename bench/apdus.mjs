/**
 * The fewest commands a card needs for a default read, computed from the transcript alone (not
 * from paycard's exchange log): the directory that lists the application (SELECT PPSE, or
 * SELECT PSE plus its directory records), the application's SELECT, one GET PROCESSING OPTIONS,
 * and the records its AFL lists (EMV Book 3 §10.2), each with the GET RESPONSE or resend its
 * T=0 answer (61xx, 6Cxx) requires. A range of the AFL ends at the first record the transcript
 * does not hold: only the card's 6A83 answer to that READ RECORD tells a reader it is missing,
 * so that command counts too.
 */

const PPSE = '325041592E5359532E4444463031';
const PSE = '315041592E5359532E4444463031';

const hex = (b) => Buffer.from(b).toString('hex').toUpperCase();
const sw = (r) => (r.length >= 2 ? (r[r.length - 2] << 8) | r[r.length - 1] : -1);
const data = (r) => r.subarray(0, Math.max(0, r.length - 2));
const usable = (s) => s === 0x9000 || s >> 8 === 0x62 || s >> 8 === 0x63;

/** Every element of a BER-TLV input, nested ones included, as `[tag hex, value]`; tolerant. */
function elements(buf, start = 0, end = buf.length, out = []) {
  let i = start;
  while (i < end) {
    const first = buf[i];
    if (first === 0x00 || first === 0xff) {
      i++;
      continue;
    }
    const tagStart = i++;
    if ((first & 0x1f) === 0x1f) while (i < end && buf[i++] & 0x80);
    const tag = hex(buf.subarray(tagStart, i));
    let length = buf[i++];
    if (length & 0x80) {
      const k = length & 0x7f;
      length = 0;
      for (let j = 0; j < k; j++) length = length * 256 + buf[i++];
    }
    const valueEnd = Math.min(end, i + length);
    out.push([tag, buf.subarray(i, valueEnd)]);
    if (first & 0x20) elements(buf, i, valueEnd, out);
    i = valueEnd;
  }
  return out;
}

const find = (bytes, tag) => elements(bytes).find(([t]) => t === tag)?.[1];

/** Joins each command with the GET RESPONSE or resend that its 61xx/6Cxx answer called for. */
function logicalCommands(entries) {
  const out = [];
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i];
    let resp = e.resp;
    let cost = 1;
    while ((sw(resp) >> 8 === 0x61 || sw(resp) >> 8 === 0x6c) && i + 1 < entries.length) {
      const next = entries[i + 1];
      const follows =
        !next.send ||
        next.send[1] === 0xc0 ||
        hex(next.send.subarray(0, 4)) === hex(e.send?.subarray(0, 4) ?? []);
      if (!follows) break;
      resp = next.resp;
      cost++;
      i++;
    }
    out.push({ send: e.send, resp, cost });
  }
  return out;
}

function selectedName(send) {
  return send && send[1] === 0xa4 && send.length >= 5
    ? hex(send.subarray(5, 5 + send[4]))
    : undefined;
}

/** The minimum number of commands for a default read of this transcript, and how it adds up. */
export function minimumApdus(entries) {
  const commands = logicalCommands(entries);

  // Scope each command by the application selected when it was recorded.
  let scope = '';
  for (const c of commands) {
    if (c.send && c.send[1] === 0xa4) {
      const df = usable(sw(c.resp)) ? find(data(c.resp), '84') : undefined;
      if (df) scope = hex(df);
      c.name = selectedName(c.send);
      c.df = df ? hex(df) : undefined;
    }
    c.scope = scope;
  }

  // The directory: a PPSE listing applications, else a PSE with directory records 1, 2, ...
  let directory = 0;
  const ppse = commands.find(
    (c) => c.name === PPSE && sw(c.resp) === 0x9000 && find(data(c.resp), '4F'),
  );
  const pse = commands.find(
    (c) => c.name === PSE && sw(c.resp) === 0x9000 && find(data(c.resp), '88'),
  );
  if (ppse) directory = ppse.cost;
  else if (pse) {
    const sfi = find(data(pse.resp), '88')[0];
    let cost = pse.cost;
    let listed = 0;
    for (let record = 1; ; record++) {
      const r = commands.find(
        (c) =>
          c.scope === pse.df &&
          c.send?.[1] === 0xb2 &&
          c.send[2] === record &&
          c.send[3] === ((sfi << 3) | 4),
      );
      if (!r || sw(r.resp) !== 0x9000 || !find(data(r.resp), '4F')) break;
      cost += r.cost;
      listed++;
    }
    if (listed > 0) directory = cost;
  }

  // The application: the one whose GPO the card accepted (else the one it refused).
  const gpos = commands.filter(
    (c) =>
      c.send?.[1] === 0xa8 || (!c.send && (find(data(c.resp), '94') || data(c.resp)[0] === 0x80)),
  );
  const gpo = gpos.find((c) => sw(c.resp) === 0x9000) ?? gpos[0];
  const app =
    gpo?.scope ?? [...commands].reverse().find((c) => c.df && c.df !== PPSE && c.df !== PSE)?.df;
  const select = commands.find((c) => c.df === app && usable(sw(c.resp)));
  const selectCost = select ? select.cost : 1;
  const gpoCost = gpo ? (sw(gpo.resp) === 0x9000 ? gpo.cost : 1) : 1;

  // The AFL's records (format 1: 80 = AIP then AFL; format 2: 94).
  let records = 0;
  if (gpo && sw(gpo.resp) === 0x9000) {
    const d = data(gpo.resp);
    const afl = d[0] === 0x80 ? find(d, '80')?.subarray(2) : find(d, '94');
    const blanks = commands.filter(
      (c) => !c.send && c.scope === app && c !== gpo && sw(c.resp) === 0x9000,
    );
    for (let i = 0; afl && i + 4 <= afl.length; i += 4) {
      const sfi = afl[i] >> 3;
      for (let record = afl[i + 1]; record <= afl[i + 2]; record++) {
        const r = commands.find(
          (c) =>
            c.scope === app &&
            c.send?.[1] === 0xb2 &&
            c.send[2] === record &&
            c.send[3] === ((sfi << 3) | 4),
        );
        if (r && sw(r.resp) === 0x9000) records += r.cost;
        else if (!r && blanks.length > 0) {
          blanks.shift();
          records += 1;
        } else {
          records += r ? r.cost : 1;
          break;
        }
      }
    }
  }

  return {
    minimum: directory + selectCost + gpoCost + records,
    directory,
    select: selectCost,
    gpo: gpoCost,
    records,
  };
}
