/** The year's plan of educational events (план воспитательной работы). */
import { parseRuDate } from '../schoolDate';
import { parseClassName } from './classNames';
import { parseCsv, type CsvRow, type Table } from './csv';
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

/** The columns without which a file is not a plan. */
export const PLAN_COLUMNS = ['Дата', 'Класс', 'Мероприятие'];

const CLOCK = /^([01]?\d|2[0-3])[:.][0-5]\d$/;

/** `8:00`, `08:00` or `8.00` as `08:00`; an empty cell is no time; anything else is an error. */
function clock(text: string | undefined): string | undefined | null {
  if (!text) return undefined;
  if (!CLOCK.test(text)) return null;
  return text.replace('.', ':').padStart(5, '0');
}

export function parsePlan(text: string): Parsed<PlannedEvent> {
  return planFromTable(parseCsv(text));
}

/** A plan read from CSV or XLSX; a file without the plan's columns is refused as a whole. */
export function planFromTable(table: Table): Parsed<PlannedEvent> {
  const missing = PLAN_COLUMNS.find((column) => !table.header.includes(column));
  if (missing) return { rows: [], errors: [rowError(1, 'missing_column', missing)] };
  const events: PlannedEvent[] = [];
  const errors: RowError[] = [];
  for (const row of table.rows) {
    const parsed = plannedEvent(row);
    if ('code' in parsed) errors.push(parsed);
    else events.push(parsed);
  }
  return { rows: events, errors };
}

function plannedEvent({ line, cells }: CsvRow): PlannedEvent | RowError {
  const date = parseRuDate(cells['Дата'] ?? '');
  const className = parseClassName(cells['Класс'] ?? '');
  const title = cells['Мероприятие'] ?? '';
  const start = clock(cells['Начало']);
  const end = clock(cells['Окончание']);
  if (!date) return rowError(line, 'bad_date', cells['Дата'] ?? '');
  if (!className) return rowError(line, 'bad_class', cells['Класс'] ?? '');
  if (!title) return rowError(line, 'empty_title');
  if (start === null) return rowError(line, 'bad_time', cells['Начало'] ?? '');
  if (end === null) return rowError(line, 'bad_time', cells['Окончание'] ?? '');
  return {
    line,
    date,
    start,
    end,
    className: className.name,
    title,
    kind: cells['Вид'] || undefined,
    place: cells['Место'] || undefined,
    participants: cells['Участники'] || undefined,
    responsible: cells['Ответственный'] || undefined,
  };
}
