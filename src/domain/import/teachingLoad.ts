/** The teaching load (нагрузка): which classes each subject teacher teaches. */
import type { PersonName } from '../names';
import { parseClassName } from './classNames';
import { parseCsv } from './csv';
import { rowError, type Parsed, type RowError } from './rowError';

export interface TeachingRow extends PersonName {
  line: number;
  subject: string;
  /** Canonical class names. */
  classNames: string[];
}

export function parseTeachingLoad(text: string): Parsed<TeachingRow> {
  const { rows } = parseCsv(text);
  const load: TeachingRow[] = [];
  const errors: RowError[] = [];
  for (const { line, cells } of rows) {
    const lastName = cells['Фамилия'] ?? '';
    const firstName = cells['Имя'] ?? '';
    const subject = cells['Предмет'] ?? '';
    const classTexts = (cells['Классы'] ?? '')
      .split(/[,;]/)
      .map((part) => part.trim())
      .filter(Boolean);
    const classes = classTexts.map((part) => parseClassName(part));
    const bad = classTexts.find((_, index) => !classes[index]);
    if (!lastName) errors.push(rowError(line, 'empty_surname'));
    else if (!firstName) errors.push(rowError(line, 'empty_first_name'));
    else if (!subject) errors.push(rowError(line, 'empty_subject'));
    else if (bad !== undefined) errors.push(rowError(line, 'bad_class', bad));
    else {
      load.push({
        line,
        lastName,
        firstName,
        patronymic: cells['Отчество'] || undefined,
        subject,
        classNames: classes.flatMap((name) => (name ? [name.name] : [])),
      });
    }
  }
  return { rows: load, errors };
}

/** «Гребенюк Т. И.» as plans write the responsible person: surname and initials. */
export function matchesInitials(person: PersonName, written: string): boolean {
  const [surname, ...initials] = written.replace(/\./g, ' ').split(/\s+/).filter(Boolean);
  if (surname !== person.lastName) return false;
  const expected = [person.firstName, person.patronymic ?? ''].map((part) => part.charAt(0));
  return initials.every((initial, index) => initial === expected[index]);
}
