/** Dates as Russian school exports write them. */
import { isIsoDate } from '../schoolDate';

/**
 * Reads `29.02.2016`, `29/02/2016`, `29-02-2016`, `29.02.16`, `29.02.2016 г.`, `2016-02-29` and
 * `2016-02-29T00:00:00` (a spreadsheet's date cell); undefined when none of them, or not a real
 * calendar date.
 */
export function parseImportDate(text: string): string | undefined {
  const trimmed = text.trim().replace(/\s*г\.?$/, '');
  const iso = /^(\d{4})-(\d{2})-(\d{2})(T[\d:.]+Z?)?$/.exec(trimmed);
  if (iso) {
    const date = `${iso[1] ?? ''}-${iso[2] ?? ''}-${iso[3] ?? ''}`;
    return isIsoDate(date) ? date : undefined;
  }
  const ru = /^(\d{1,2})[./-](\d{1,2})[./-](\d{2}|\d{4})$/.exec(trimmed);
  if (!ru) return undefined;
  const [, d = '', m = '', y = ''] = ru;
  const year = y.length === 2 ? `20${y}` : y;
  const date = `${year}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  return isIsoDate(date) ? date : undefined;
}

/** The oldest a pupil of a school can plausibly be, in years. */
export const MAX_PUPIL_AGE_YEARS = 25;

/** Why a birth date cannot be a pupil's, or undefined when it can. */
export function birthDateProblem(
  date: string,
  today: string,
): 'future_birth_date' | 'implausible_birth_date' | undefined {
  if (date > today) return 'future_birth_date';
  const oldest = `${Number(today.slice(0, 4)) - MAX_PUPIL_AGE_YEARS}${today.slice(4)}`;
  return date < oldest ? 'implausible_birth_date' : undefined;
}
