/** The staff list: position, the class each class teacher leads, phone and e-mail. */
import { normalizeLogin, normalizePhone } from '../login';
import type { PersonName } from '../names';
import { parseClassName } from './classNames';
import { parseCsv } from './csv';
import type { Parsed, RowError } from './roster';

export interface StaffMember extends PersonName {
  line: number;
  position: string;
  /** Canonical name of the class this person leads, if any. */
  leadsClass?: string | undefined;
  phone?: string | undefined;
  email?: string | undefined;
}

/** Positions that make a person part of the school's administration. */
const ADMINISTRATION = /директор/i;

export function isAdministration(position: string): boolean {
  return ADMINISTRATION.test(position);
}

export function parseStaff(text: string): Parsed<StaffMember> {
  const { rows } = parseCsv(text);
  const staff: StaffMember[] = [];
  const errors: RowError[] = [];
  for (const { line, cells } of rows) {
    const lastName = cells['Фамилия'] ?? '';
    const firstName = cells['Имя'] ?? '';
    if (!lastName || !firstName) {
      errors.push({ line, reason: 'the surname or the first name is empty' });
      continue;
    }
    const classText = cells['Классное руководство'] ?? '';
    const leads = classText ? parseClassName(classText) : undefined;
    if (classText && !leads) {
      errors.push({ line, reason: `class «${classText}» is not a class name like 5 «А»` });
      continue;
    }
    const phone = cells['Телефон'] ? normalizePhone(cells['Телефон']) : undefined;
    const email = cells['Email'] ? normalizeLogin(cells['Email']) : undefined;
    if (!phone && !email) {
      errors.push({ line, reason: 'neither a valid phone nor a valid e-mail to log in with' });
      continue;
    }
    staff.push({
      line,
      lastName,
      firstName,
      patronymic: cells['Отчество'] || undefined,
      position: cells['Должность'] ?? '',
      leadsClass: leads?.name,
      phone,
      email,
    });
  }
  return { rows: staff, errors };
}
