/** The school's roster export: one row per pupil with up to two guardians. */
import { normalizeLogin, normalizePhone } from '../login';
import type { PersonName } from '../names';
import { parseRuDate } from '../schoolDate';
import { parseClassName } from './classNames';
import { parseCsv } from './csv';

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
}

export interface RowError {
  line: number;
  reason: string;
}

export interface Parsed<T> {
  rows: T[];
  errors: RowError[];
}

/** Splits «Фамилия Имя Отчество (relation)» into its parts. */
export function splitFullName(
  text: string,
): (PersonName & { relation?: string | undefined }) | undefined {
  const relationMatch = /\(([^)]*)\)\s*$/.exec(text);
  const relation = relationMatch?.[1]?.trim();
  const nameText = relationMatch ? text.slice(0, relationMatch.index) : text;
  const [lastName, firstName, ...rest] = nameText.trim().split(/\s+/);
  if (!lastName || !firstName) return undefined;
  const patronymic = rest.join(' ') || undefined;
  return { lastName, firstName, patronymic, relation: relation || undefined };
}

const SEX: Record<string, 'M' | 'F'> = { М: 'M', M: 'M', Ж: 'F', F: 'F' };

export function parseRoster(text: string): Parsed<RosterPupil> {
  const { rows } = parseCsv(text);
  const pupils: RosterPupil[] = [];
  const errors: RowError[] = [];

  for (const { line, cells } of rows) {
    const fail = (reason: string) => errors.push({ line, reason });
    const className = parseClassName(cells['Класс'] ?? '');
    if (!className) {
      fail(`class «${cells['Класс'] ?? ''}» is not a class name like 5 «А»`);
      continue;
    }
    const lastName = cells['Фамилия'] ?? '';
    const firstName = cells['Имя'] ?? '';
    if (!lastName || !firstName) {
      fail('the surname or the first name is empty');
      continue;
    }
    const birthText = cells['Дата рождения'] ?? '';
    const birthDate = birthText ? parseRuDate(birthText) : undefined;
    if (birthText && !birthDate) {
      fail(`birth date «${birthText}» is not a date like 29.02.2016`);
      continue;
    }

    const guardians: RosterGuardian[] = [];
    for (const n of [1, 2]) {
      const guardian = parseGuardian(
        cells[`Представитель ${n} (ФИО)`] ?? '',
        cells[`Телефон ${n}`] ?? '',
        cells[`Email ${n}`] ?? '',
      );
      if (typeof guardian === 'string') fail(`guardian ${n}: ${guardian}`);
      else if (guardian) guardians.push(guardian);
    }

    pupils.push({
      line,
      className: className.name,
      grade: className.grade,
      letter: className.letter,
      lastName,
      firstName,
      patronymic: cells['Отчество'] || undefined,
      birthDate,
      sex: SEX[(cells['Пол'] ?? '').toUpperCase()],
      guardians,
    });
  }
  return { rows: pupils, errors };
}

/** A guardian's cells, or a reason they are unusable, or undefined when they are empty. */
function parseGuardian(
  nameText: string,
  phoneText: string,
  emailText: string,
): RosterGuardian | string | undefined {
  if (!nameText && !phoneText && !emailText) return undefined;
  const name = splitFullName(nameText);
  if (!name) return `name «${nameText}» needs a surname and a first name`;
  const phone = normalizePhone(phoneText);
  if (!phone) return `phone «${phoneText}» is not a Russian phone number`;
  const email = emailText ? normalizeLogin(emailText) : undefined;
  if (emailText && !email?.includes('@')) return `e-mail «${emailText}» is malformed`;
  return { ...name, phone, email };
}
