/** How an absence notice reads on screen: its reasons and evidence to choose from, its dates. */
import type { NoticeState } from '../domain/absence';
import type { Evidence, Reason } from '../domain/attendance';
import type { DocOf, Docs } from '../domain/queries';
import { formatDate } from '../events/formatDate';

/** The reasons a family gives; «unknown» is the teacher's, before anyone says. */
export const REASON_CHOICES = ['illness', 'family', 'official', 'other'] as const satisfies Exclude<
  Reason,
  'unknown'
>[];

/** What confirms the absence; the notice itself is a parent's note, so «none» is not offered. */
export const EVIDENCE_CHOICES = ['parent-note', 'medical', 'order'] as const satisfies Evidence[];

export const STATE_KEYS: Record<NoticeState, string> = {
  waiting: 'absence.state_waiting',
  taken: 'absence.state_taken',
  differs: 'absence.state_differs',
  'no-events': 'absence.state_noEvents',
};

/** «пт, 25 декабря 2026 г.», or «8–9 дек. 2026 г.» for a span. */
export function formatSpan(from: string, to: string, language: string): string {
  if (from === to) return formatDate(from, language);
  const format = new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'ru-RU', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
  return format.formatRange(new Date(`${from}T12:00:00Z`), new Date(`${to}T12:00:00Z`));
}

/** When a notice is for: its event's title and date, or its dates. */
export function noticeWhen(notice: DocOf<'absence'>, docs: Docs, language: string): string {
  const { eventId, from, to } = notice.body;
  const event = eventId ? (docs.get(`event:${eventId}`) as DocOf<'event'> | undefined) : undefined;
  if (!event) return formatSpan(from, to, language);
  return `${event.body.title}, ${formatDate(event.date ?? from, language)}`;
}
