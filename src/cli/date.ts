/** `--date YYYY-MM-DD` as the commands take it. */

/**
 * The calendar date `text` names, at 12:00 UTC (so no time zone moves it to another day), or
 * `null` when it is not a real YYYY-MM-DD date (2024-02-30 is not).
 */
export function parseIsoDate(text: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return null;
  const date = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], 12));
  return date.toISOString().slice(0, 10) === text ? date : null;
}
