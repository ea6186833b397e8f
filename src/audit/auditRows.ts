/** The access log as people read it: newest first, roles and document types in words. */
import type { AuditEntry } from '../sync/couchApi';

/** Newest first, whatever order the server sent. */
export function newestFirst(entries: readonly AuditEntry[]): AuditEntry[] {
  return [...entries].sort((a, b) => b.at.localeCompare(a.at));
}

const KNOWN_ROLES = new Set(['admin', 'staff', 'guardian', 'pupil']);

/** Translation keys of the roles in «admin,staff»; the administration's role wins over staff. */
export function roleKeys(role: string): string[] {
  const roles = role.split(',').filter((part) => KNOWN_ROLES.has(part));
  const shown = roles.includes('admin') ? roles.filter((part) => part !== 'staff') : roles;
  return shown.map((part) => `auditRole.${part}`);
}

/** «12 дек., 08:15» in the school's time zone. */
export function formatMoment(iso: string, language: string, timeZone: string): string {
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'ru-RU', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
  }).format(new Date(iso));
}
