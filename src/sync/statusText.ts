/**
 * The status line. It never says "all sent" while anything is pending, refused, or the last
 * attempt failed.
 */
import type { TFunction } from 'i18next';
import type { SyncSnapshot } from './syncClient';

/** «08:40» on the school's clock: the time a teacher reads against the school's bells. */
export function formatClock(ms: number, language: string, timeZone?: string): string {
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'ru-RU', {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    ...(timeZone ? { timeZone } : {}),
  }).format(new Date(ms));
}

export function statusText(
  t: TFunction,
  snapshot: SyncSnapshot,
  language: string,
  timeZone?: string,
): string {
  const { state, pending, rejected, error, lastSyncedAt } = snapshot;
  const parts: string[] = [];

  if (pending > 0) parts.push(t('status.pending', { count: pending }));
  if (rejected) parts.push(t('status.refused', { reason: lowerFirst(t(`errors.${rejected}`)) }));

  if (state === 'offline') parts.unshift(t('status.offline'));
  else if (state === 'pulling' || state === 'pushing') parts.push(t('status.syncing'));
  else if (error && !(error === 'network' && parts.length > 0)) parts.push(t(`errors.${error}`));

  if (parts.length > 0) return joinSentences(parts);
  if (lastSyncedAt === null) return t('status.notYet');
  return t('status.synced', { time: formatClock(lastSyncedAt, language, timeZone) });
}

/** «Сервер не принял: у вашей роли…»: the reason continues the sentence after the colon. */
function lowerFirst(text: string): string {
  return text.charAt(0).toLocaleLowerCase() + text.slice(1);
}

/** Sentences in a row: a full stop between them unless one already ends the previous one. */
export function joinSentences(parts: readonly string[]): string {
  return parts.reduce((text, part) =>
    /[.!?…]$/.test(text) ? `${text} ${part}` : `${text}. ${part}`,
  );
}
