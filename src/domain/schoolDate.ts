/**
 * Dates are the school's local dates: a mark made at 08:15 on 2 September in Vladivostok belongs
 * to 2 September on every device, whatever the device's own time zone.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * The school's calendar and clock at an instant, read from the formatter's parts: a locale's own
 * pattern (en-CA's YYYY-MM-DD in V8) differs between ICU builds, and WebKit writes en-CA as
 * M/D/YYYY.
 */
function partsAt(instant: Date, timeZone: string): Partial<Record<string, string>> {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: 'numeric',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
  }
  return Object.fromEntries(
    formatter.formatToParts(instant).map((part) => [part.type, part.value]),
  );
}

/** The school's local date (YYYY-MM-DD) at an instant. */
export function schoolDate(instant: Date, timeZone: string): string {
  const { year = '', month = '', day = '' } = partsAt(instant, timeZone);
  return `${year}-${month}-${day}`;
}

/** The hour (0–23) at the school at an instant. */
export function schoolHour(instant: Date, timeZone: string): number {
  return Number(partsAt(instant, timeZone).hour ?? 0) % 24;
}

/** `DD.MM.YYYY` as Russian exports write dates, to ISO `YYYY-MM-DD`; undefined when not a date. */
export function parseRuDate(text: string): string | undefined {
  const match = /^\s*(\d{1,2})[./-](\d{1,2})[./-](\d{4})\s*$/.exec(text);
  if (!match) return undefined;
  const [, d = '', m = '', y = ''] = match;
  const iso = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : undefined;
}

/** True for a real calendar date in `YYYY-MM-DD` form (29 February only in leap years). */
export function isIsoDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}

/** Adds whole days to an ISO date. */
export function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}
