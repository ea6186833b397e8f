/** The staff list: position, the class each class teacher leads, phone and e-mail. */
import { normalizeLogin, normalizePhone } from '../login';
import type { PersonName } from '../names';
import { parseClassName } from './classNames';
import { nameColumns } from './cleanText';
import { parseCsv, type Table } from './csv';
import { rowError, type Parsed, type RowError } from './rowError';

export interface StaffMember extends PersonName {
  line: number;
  position: string;
  /** Canonical name of the class this person leads, if any. */
  leadsClass?: string | undefined;
  phone?: string | undefined;
  email?: string | undefined;
  /** Names whose spelling cleaning changed, as written in the file. */
  corrected: string[];
}

/** Positions that make a person part of the school's administration. */
const ADMINISTRATION = /директор/i;

export function isAdministration(position: string): boolean {
  return ADMINISTRATION.test(position);
}

export function parseStaff(text: string): Parsed<StaffMember> {
  return staffFromTable(parseCsv(text));
}

export function staffFromTable(table: Table): Parsed<StaffMember> {
  const staff: StaffMember[] = [];
  const errors: RowError[] = [];
  const seen = new Map<string, number>();
  for (const { line, cells } of table.rows) {
    const member = parseMember(line, cells);
    if ('code' in member) {
      errors.push(member);
      continue;
    }
    const keys = [member.phone, member.email].filter((key): key is string => Boolean(key));
    const first = keys.map((key) => seen.get(key)).find((known) => known !== undefined);
    if (first !== undefined) {
      errors.push(rowError(line, 'duplicate', String(first)));
      continue;
    }
    keys.forEach((key) => seen.set(key, line));
    staff.push(member);
  }
  return { rows: staff, errors };
}

function parseMember(line: number, cells: Record<string, string>): StaffMember | RowError {
  const name = nameColumns(line, cells);
  if ('code' in name) return name;
  const { lastName, firstName, patronymic, corrected } = name;

  const classText = cells['Классное руководство'] ?? '';
  const leads = classText ? parseClassName(classText) : undefined;
  if (classText && !leads) return rowError(line, 'bad_class', classText);
  const phoneText = cells['Телефон'] ?? '';
  const phone = phoneText ? normalizePhone(phoneText) : undefined;
  if (phoneText && !phone) return rowError(line, 'bad_phone', phoneText);
  const emailText = cells['Email'] ?? '';
  const email = emailText ? normalizeLogin(emailText) : undefined;
  if (emailText && !email?.includes('@')) return rowError(line, 'bad_email', emailText);
  if (!phone && !email) return rowError(line, 'no_login');
  return {
    line,
    lastName,
    firstName,
    patronymic: patronymic || undefined,
    position: cells['Должность'] ?? '',
    leadsClass: leads?.name,
    phone,
    email,
    corrected,
  };
}
