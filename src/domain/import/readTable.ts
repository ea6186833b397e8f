/** Any roster or staff file a school exports, CSV or XLSX, read into one shape. */
import { decodeText, parseCsv, type Table } from './csv';
import type { ImportOptions } from './roster';
import { rosterFromTable, type RosterPupil } from './roster';
import { rowError, type RowError } from './rowError';
import { staffFromTable, type StaffMember } from './staff';
import { isXlsx, readXlsx } from './xlsx';

/** Reads CSV (UTF-8 with or without BOM, or Windows-1251; `;` or `,`) or XLSX. */
export async function readTable(bytes: Uint8Array): Promise<Table> {
  return isXlsx(bytes) ? readXlsx(bytes) : parseCsv(decodeText(bytes));
}

const ROSTER_COLUMNS = ['Класс', 'Фамилия', 'Имя'];
const STAFF_COLUMNS = ['Фамилия', 'Имя', 'Должность'];

/** What a file turned out to be, with its rows and the rows it could not use. */
export type ImportFile =
  | { kind: 'roster'; rows: RosterPupil[]; errors: RowError[] }
  | { kind: 'staff'; rows: StaffMember[]; errors: RowError[] }
  | { kind: 'unknown'; rows: []; errors: RowError[] };

/** Tells a roster from a staff list by its columns, and parses it. */
export function parseImportTable(table: Table, options: ImportOptions = {}): ImportFile {
  const has = (columns: string[]) => columns.every((column) => table.header.includes(column));
  if (has(ROSTER_COLUMNS)) return { kind: 'roster', ...rosterFromTable(table, options) };
  if (has(STAFF_COLUMNS)) return { kind: 'staff', ...staffFromTable(table) };
  const missing = ROSTER_COLUMNS.find((column) => !table.header.includes(column)) ?? 'Класс';
  return { kind: 'unknown', rows: [], errors: [rowError(1, 'missing_column', missing)] };
}
