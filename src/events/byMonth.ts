/** Events grouped by the month of their school date, in the order given. */
import type { DocOf } from '../domain/queries';

export interface MonthGroup {
  /** `YYYY-MM`, or '' for events without a date. */
  month: string;
  events: DocOf<'event'>[];
}

export function byMonth(events: readonly DocOf<'event'>[]): MonthGroup[] {
  const groups: MonthGroup[] = [];
  for (const event of events) {
    const month = (event.date ?? '').slice(0, 7);
    const last = groups.at(-1);
    if (last?.month === month) last.events.push(event);
    else groups.push({ month, events: [event] });
  }
  return groups;
}

/** «Ноябрь 2026» / «November 2026». */
export function monthName(month: string, language: string): string {
  if (!month) return '';
  const text = new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'ru-RU', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${month}-15T12:00:00Z`));
  return (text.charAt(0).toLocaleUpperCase() + text.slice(1)).replace(/\s*г\.$/, '');
}
