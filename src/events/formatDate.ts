/** A school date (YYYY-MM-DD) as people read it, e.g. «пн, 7 сентября 2026 г.». */
export function formatDate(isoDate: string, language: string): string {
  if (!isoDate) return '';
  const date = new Date(`${isoDate}T12:00:00Z`);
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'ru-RU', {
    weekday: 'short',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(date);
}

/** An instant as the school's local date and time, e.g. «4 дек. 2026 г., 12:05». */
export function formatInstant(iso: string, language: string, timeZone: string): string {
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'ru-RU', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
  }).format(new Date(iso));
}
