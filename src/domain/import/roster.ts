/** The school's roster export: one row per pupil with up to two guardians. */
import { normalizeLogin, normalizePhone } from '../login';
import type { PersonName } from '../names';
import { foldForSearch } from '../names';
import { parseClassName } from './classNames';
import { cleanName, nameColumns } from './cleanText';
import { parseCsv, type Table } from './csv';
import { birthDateProblem, parseImportDate } from './dates';
import { rowError, type Parsed, type RowError } from './rowError';

export type { Parsed, RowError } from './rowError';

export interface RosterGuardian extends PersonName {
  /** The relation written in parentheses after the name, e.g. «бабушка, опекун». */
  relation?: string | undefined;
  phone: string;
  email?: string | undefined;
}

export interface RosterPupil extends PersonName {
  line: number;
  className: string;
  grade: number;
  letter: string;
  birthDate?: string | undefined;
  sex?: 'M' | 'F' | undefined;
  guardians: RosterGuardian[];
  /** Names whose spelling cleaning changed (Latin look-alikes, hyphens), as written in the file. */
  corrected: string[];
}

export interface ImportOptions {
  /** The school's date today, YYYY-MM-DD: a birth date after it is refused. */
  today?: string | undefined;
}

/** Splits «Фамилия Имя Отчество (relation)» into its parts. */
export function splitFullName(
  text: string,
): (PersonName & { relation?: string | undefined }) | undefined {
  const relationMatch = /\(([^)]*)\)\s*$/.exec(text);
  const relation = relationMatch?.[1]?.trim();
  const nameText = relationMatch ? text.slice(0, relationMatch.index) : text;
  const [lastName, firstName, ...rest] = cleanName(nameText).value.split(/\s+/);
  if (!lastName || !firstName) return undefined;
  const patronymic = rest.join(' ') || undefined;
  return { lastName, firstName, patronymic, relation: relation || undefined };
}

const SEX: Record<string, 'M' | 'F'> = { М: 'M', M: 'M', Ж: 'F', F: 'F' };

/** The identity of a pupil in a file and in the school: class, full name, birth date. */
/**
 * A pupil's natural identity: full name (Ё as Е) and birth date, whatever the class, so a pupil
 * who moved to another class is the same pupil on the next import. Without a birth date the class
 * stands in, since two pupils of a school may share a full name.
 */
export function pupilKey(className: string, person: PersonName, birthDate?: string): string {
  const name = foldForSearch(
    [person.lastName, person.firstName, person.patronymic ?? ''].join(' '),
  );
  return birthDate ? `${name}|${birthDate}` : `${className}|${name}|`;
}

export function parseRoster(text: string, options: ImportOptions = {}): Parsed<RosterPupil> {
  return rosterFromTable(parseCsv(text), options);
}

export function rosterFromTable(table: Table, options: ImportOptions = {}): Parsed<RosterPupil> {
  const pupils: RosterPupil[] = [];
  const errors: RowError[] = [];
  const seen = new Map<string, number>();
  for (const { line, cells } of table.rows) {
    const pupil = parsePupil(line, cells, options);
    if ('code' in pupil) {
      errors.push(pupil);
      continue;
    }
    const key = pupilKey(pupil.className, pupil, pupil.birthDate);
    const first = seen.get(key);
    if (first !== undefined) {
      errors.push(rowError(line, 'duplicate', String(first)));
      continue;
    }
    seen.set(key, line);
    pupils.push(pupil);
  }
  return { rows: pupils, errors };
}

function parsePupil(
  line: number,
  cells: Record<string, string>,
  options: ImportOptions,
): RosterPupil | RowError {
  const className = parseClassName(cells['Класс'] ?? '');
  if (!className) return rowError(line, 'bad_class', cells['Класс'] ?? '');
  const name = nameColumns(line, cells);
  if ('code' in name) return name;
  const { lastName, firstName, patronymic, corrected } = name;

  const birthText = cells['Дата рождения'] ?? '';
  const birthDate = birthText ? parseImportDate(birthText) : undefined;
  if (birthText && !birthDate) return rowError(line, 'bad_date', birthText);
  const problem = birthDate && options.today && birthDateProblem(birthDate, options.today);
  if (problem) return rowError(line, problem, birthText);

  const guardians: RosterGuardian[] = [];
  for (const n of [1, 2]) {
    const guardian = parseGuardian(
      line,
      n,
      cells[`Представитель ${n} (ФИО)`] ?? '',
      cells[`Телефон ${n}`] ?? '',
      cells[`Email ${n}`] ?? '',
    );
    if (guardian && 'code' in guardian) return guardian;
    if (guardian) guardians.push(guardian);
  }
  return {
    line,
    className: className.name,
    grade: className.grade,
    letter: className.letter,
    lastName,
    firstName,
    patronymic: patronymic || undefined,
    birthDate,
    sex: SEX[(cells['Пол'] ?? '').toUpperCase()],
    guardians,
    corrected,
  };
}

/** A guardian's cells, or why they are unusable, or undefined when they are empty. */
function parseGuardian(
  line: number,
  n: number,
  nameText: string,
  phoneText: string,
  emailText: string,
): RosterGuardian | RowError | undefined {
  if (!nameText && !phoneText && !emailText) return undefined;
  const prefix = `guardian ${String(n)}: `;
  const name = splitFullName(nameText);
  if (!name) return rowError(line, 'bad_guardian_name', nameText, prefix);
  const phone = normalizePhone(phoneText);
  if (!phone) return rowError(line, 'bad_phone', phoneText, prefix);
  const email = emailText ? normalizeLogin(emailText) : undefined;
  if (emailText && !email?.includes('@')) return rowError(line, 'bad_email', emailText, prefix);
  return { ...name, phone, email };
}
