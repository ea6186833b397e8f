/** The year's plan of educational events (план воспитательной работы). */
import { parseRuDate } from '../schoolDate';
import { parseClassName } from './classNames';
import { parseCsv } from './csv';
import { rowError, type Parsed, type RowError } from './rowError';

export interface PlannedEvent {
  line: number;
  date: string;
  start?: string | undefined;
  end?: string | undefined;
  className: string;
  title: string;
  kind?: string | undefined;
  place?: string | undefined;
  participants?: string | undefined;
  responsible?: string | undefined;
}

const CLOCK = /^([01]?\d|2[0-3]):[0-5]\d$/;

function clock(text: string | undefined): string | undefined {
  if (!text || !CLOCK.test(text)) return undefined;
  return text.padStart(5, '0');
}

export function parsePlan(text: string): Parsed<PlannedEvent> {
  const { rows } = parseCsv(text);
  const events: PlannedEvent[] = [];
  const errors: RowError[] = [];
  for (const { line, cells } of rows) {
    const date = parseRuDate(cells['Дата'] ?? '');
    const className = parseClassName(cells['Класс'] ?? '');
    const title = cells['Мероприятие'] ?? '';
    if (!date) errors.push(rowError(line, 'bad_date', cells['Дата'] ?? ''));
    else if (!className) errors.push(rowError(line, 'bad_class', cells['Класс'] ?? ''));
    else if (!title) errors.push(rowError(line, 'empty_title'));
    else {
      events.push({
        line,
        date,
        start: clock(cells['Начало']),
        end: clock(cells['Окончание']),
        className: className.name,
        title,
        kind: cells['Вид'] || undefined,
        place: cells['Место'] || undefined,
        participants: cells['Участники'] || undefined,
        responsible: cells['Ответственный'] || undefined,
      });
    }
  }
  return { rows: events, errors };
}
