/**
 * What the Node and browser sides of the bundle test compare: every field, data object and
 * exchange of a read, as plain JSON. Plain JS so the browser loads the very same function.
 */

/** @param {import('../../src/read/result.js').ReadResult} r */
export function summary(r, hex, mask) {
  return {
    ok: r.ok,
    masked: r.pan ? mask(r.pan) : null,
    pan: r.pan ?? null,
    expiry: r.expiry ?? null,
    aid: r.aid ?? null,
    brand: r.brand ?? null,
    brands: r.brands,
    applications: JSON.parse(JSON.stringify(r.applications)),
    dataObjects: r.dataObjects.map((d) => `${d.source} ${d.tag} ${hex(d.value)}`),
    warnings: r.warnings.map((w) => `${w.code}: ${w.message}`),
    error: r.error ? `${r.error.name} ${r.error.code}: ${r.error.message}` : null,
    exchanges: r.exchanges.map((e) => `${hex(e.command)} -> ${hex(e.response)}`),
  };
}
