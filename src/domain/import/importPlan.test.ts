/**
 * Importing every file of the demo school, in every form a school exports it (CSV in UTF-8 and
 * Windows-1251, with `;` or `,`, and XLSX), and deliberately broken files: each bad row reported with
 * its number and reason, the good rows imported unchanged, and a second import writing nothing.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { HomeroomDoc } from '../envelope';
import { decodeText, parseCsv } from './csv';
import { planImport, type ImportContext } from './importPlan';
import { parseImportTable, readTable } from './readTable';
import { parsePlan } from './plan';
import { parseRoster, type RosterPupil } from './roster';
import { parseStaff, type StaffMember } from './staff';
import { parseTeachingLoad } from './teachingLoad';

const DEMO = path.resolve(import.meta.dirname, '../../../demo-data');
const bytes = (name: string) => new Uint8Array(readFileSync(path.join(DEMO, name)));
const read = (name: string) => decodeText(bytes(name));
const TODAY = '2026-09-01';

function context(): ImportContext {
  let n = 0;
  return {
    schoolId: 'school-1',
    author: 'admin-1',
    now: '2026-09-01T08:00:00.000Z',
    newId: () => `id${String((n += 1)).padStart(5, '0')}`,
  };
}

/** An XLSX workbook of a CSV file, with birth dates as real date cells as Excel keeps them. */
async function xlsxOf(text: string, dateColumn?: string): Promise<Uint8Array> {
  const { header, rows } = parseCsv(text);
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Лист1');
  sheet.addRow(header);
  for (const row of rows) {
    sheet.addRow(
      header.map((column) => {
        const cell = row.cells[column] ?? '';
        const date = /^(\d\d)\.(\d\d)\.(\d{4})$/.exec(cell);
        if (column === dateColumn && date) {
          return new Date(Date.UTC(Number(date[3]), Number(date[2]) - 1, Number(date[1])));
        }
        return cell;
      }),
    );
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

const count = (docs: HomeroomDoc[], type: string) => docs.filter((d) => d.type === type).length;

describe('every file of the demo school', () => {
  it('reads the roster alike from UTF-8, Windows-1251, comma CSV and XLSX', async () => {
    const utf8 = parseImportTable(await readTable(bytes('roster.csv')), { today: TODAY });
    const cp1251 = parseImportTable(await readTable(bytes('roster-cp1251.csv')), { today: TODAY });
    const comma = Papa.unparse(
      parseCsv(read('roster.csv')).rows.map((row) => row.cells),
      {
        delimiter: ',',
      },
    );
    const commaFile = parseImportTable(await readTable(new TextEncoder().encode(comma)));
    const xlsx = parseImportTable(
      await readTable(await xlsxOf(read('roster.csv'), 'Дата рождения')),
    );
    expect(utf8.kind).toBe('roster');
    expect(utf8.errors).toEqual([]);
    expect(utf8.rows).toHaveLength(586);
    expect(cp1251.rows).toEqual(utf8.rows);
    expect(commaFile.rows).toEqual(utf8.rows);
    expect(xlsx.errors).toEqual([]);
    expect(xlsx.rows).toEqual(utf8.rows);
  });

  it('reads a sample of roster rows exactly', () => {
    const { rows } = parseRoster(read('roster.csv'));
    expect(rows[0]).toEqual({
      line: 2,
      className: '1 «А»',
      grade: 1,
      letter: 'А',
      lastName: 'Аксёнова',
      firstName: 'Дарья',
      patronymic: 'Андреевна',
      birthDate: '2019-12-29',
      sex: 'F',
      corrected: [],
      guardians: [
        {
          lastName: 'Аксёнова',
          firstName: 'Наталья',
          patronymic: 'Сергеевна',
          relation: undefined,
          phone: '+79602961366',
          email: 'naksenova12@example.com',
        },
        {
          lastName: 'Аксёнов',
          firstName: 'Андрей',
          patronymic: 'Николаевич',
          relation: undefined,
          phone: '+79486993449',
          email: undefined,
        },
      ],
    });
    const last = rows.at(-1)!;
    expect(last.line).toBe(587);
    expect(last.className).toBe('11 «Б»');
    const grandmother = rows.find((row) =>
      row.guardians.some((g) => g.relation?.includes('опекун')),
    );
    expect(grandmother?.guardians[0]?.relation).toBe('бабушка, опекун');
  });

  it('reads staff, teaching load and plan, in XLSX too', async () => {
    const staff = parseStaff(read('staff.csv'));
    expect(staff.errors).toEqual([]);
    expect(staff.rows).toHaveLength(27);
    expect(staff.rows[0]).toEqual({
      line: 2,
      lastName: 'Кравченко',
      firstName: 'Ольга',
      patronymic: 'Викторовна',
      position: 'учитель начальных классов',
      leadsClass: '1 «А»',
      phone: '+79720830704',
      email: 'okravchenko900@example.com',
      corrected: [],
    });
    const xlsx = parseImportTable(await readTable(await xlsxOf(read('staff.csv'))));
    expect(xlsx.kind).toBe('staff');
    expect(xlsx.rows).toEqual(staff.rows);
    expect(parseTeachingLoad(read('teaching-load.csv')).rows).toHaveLength(16);
    expect(parsePlan(read('plan-2026-2027.csv')).rows).toHaveLength(92);
  });

  it('plans the whole school, and a second import of the same files writes nothing', () => {
    const roster = parseRoster(read('roster.csv'), { today: TODAY }).rows;
    const staff = parseStaff(read('staff.csv')).rows;
    const first = planImport([], { roster, staff }, context());
    const phones = new Set(roster.flatMap((p) => p.guardians.map((g) => g.phone)));
    expect(count(first.writes, 'class')).toBe(22);
    expect(count(first.writes, 'pupil')).toBe(586);
    expect(count(first.writes, 'profile')).toBe(586);
    expect(count(first.writes, 'guardian')).toBe(phones.size);
    expect(count(first.writes, 'guardianship')).toBe(
      roster.reduce((sum, p) => sum + p.guardians.length, 0),
    );
    expect(count(first.writes, 'staff')).toBe(27);
    expect(count(first.writes, 'assignment')).toBe(22);
    expect(first.rows.every((row) => row.action === 'create')).toBe(true);
    expect(first.rows).toHaveLength(586 + 27);

    const second = planImport(first.writes, { roster, staff }, context());
    expect(second.writes).toEqual([]);
    expect(second.rows.every((row) => row.action === 'unchanged')).toBe(true);
  });

  it('shows a changed e-mail as an update of that one guardian, and nothing else', () => {
    const roster = parseRoster(read('roster.csv'), { today: TODAY }).rows;
    const first = planImport([], { roster }, context());
    const edited: RosterPupil[] = structuredClone(roster);
    edited[0]!.guardians[0]!.email = 'new.address@example.com';
    const second = planImport(first.writes, { roster: edited }, context());
    expect(second.writes).toHaveLength(1);
    expect(second.writes[0]?.body).toMatchObject({ email: 'new.address@example.com' });
    expect(second.rows.filter((row) => row.action !== 'unchanged')).toEqual([
      expect.objectContaining({ line: 2, action: 'update', changed: ['guardian'] }),
    ]);
  });
});

const ROSTER_HEADER =
  'Класс;Фамилия;Имя;Отчество;Дата рождения;Пол;Представитель 1 (ФИО);Телефон 1;Email 1;Представитель 2 (ФИО);Телефон 2;Email 2';

/** Row 2 onwards; row numbers as a spreadsheet shows them. */
const BROKEN_ROSTER = [
  ROSTER_HEADER,
  '5А;Иванов;Иван;Иванович;01.02.2015;М;Иванова Мария Петровна;89181234567;mama@example.com;;;', // 2 good
  '5 "А";\u00a0Римская-Корсакова ;Алёна;;2015-03-04;Ж;;;;;;', // 3 good, cleaned
  '5-а;Пeтрoв;Сeмён;;4/5/2015;М;;;;;;', // 4 good: Latin e, o
  '5 «А»;Сидоров;Олег;;31.02.2015;М;;;;;;', // 5 impossible date
  '5 А;Кузнецов;Павел;;01.01.2030;М;;;;;;', // 6 future birth date
  '5 А;;Анна;;01.02.2015;Ж;;;;;;', // 7 empty surname
  '5 А;Орлова;Вера;;01.02.2015;Ж;Орлов Илья;+7 918 000-11-22;orlov@@example;;;', // 8 bad e-mail
  '5-А;Иванов;Иван;Иванович;01.02.2015;М;;;;;;', // 9 duplicate of row 2
  'Пятый;Петров;Пётр;;01.02.2015;М;;;;;;', // 10 bad class
  '5 А;Зуев;Лев;;01.02.2015;М;Зуева Ольга;12345;;;;', // 11 bad phone
  '',
  '5 А;Смирнов-Задунайский-Охотников;Ярослав;Всеволодович;09.09.2014;М;;;;;;', // 13 good
].join('\r\n');

describe('identity', () => {
  it('a re-import spelling «Семен» for «Семён» is the same pupil, shown as an update', () => {
    const pupil: RosterPupil = {
      line: 2,
      className: '5 «А»',
      grade: 5,
      letter: 'А',
      lastName: 'Семёнов',
      firstName: 'Фёдор',
      birthDate: '2015-01-02',
      guardians: [],
      corrected: [],
    };
    const first = planImport([], { roster: [pupil] }, context());
    const respelled = { ...pupil, lastName: 'Семенов', firstName: 'Федор' };
    const second = planImport(first.writes, { roster: [respelled] }, context());
    expect(second.writes.map((doc) => doc._id)).toEqual([first.writes[1]?._id]);
    expect(second.rows[0]).toMatchObject({ action: 'update', changed: ['pupil'] });
  });

  it('a pupil who moved to another class is the same pupil, moved, not a second one', () => {
    const pupil: RosterPupil = {
      line: 2,
      className: '5 «А»',
      grade: 5,
      letter: 'А',
      lastName: 'Ёлкина',
      firstName: 'Вера',
      birthDate: '2015-03-04',
      guardians: [],
      corrected: [],
    };
    const first = planImport([], { roster: [pupil] }, context());
    const pupilId = first.writes.find((doc) => doc.type === 'pupil')?.pupilId;
    const moved = { ...pupil, className: '5 «Б»', letter: 'Б' };
    let n = 0;
    const later = { ...context(), newId: () => `later${String((n += 1))}` };
    const second = planImport(first.writes, { roster: [moved] }, later);
    const pupils = second.writes.filter((doc) => doc.type === 'pupil');
    expect(pupils.map((doc) => doc.pupilId)).toEqual([pupilId]);
    const newClass = second.writes.find((doc) => doc.type === 'class')?.classIds[0];
    expect(pupils[0]?.classIds).toEqual([newClass]);
    expect(second.rows[0]?.action).toBe('update');
  });
});

describe('a deliberately broken roster', () => {
  const expectBroken = (file: ReturnType<typeof parseImportTable>) => {
    expect(file.errors.map((e) => [e.line, e.code])).toEqual([
      [5, 'bad_date'],
      [6, 'future_birth_date'],
      [7, 'empty_surname'],
      [8, 'bad_email'],
      [9, 'duplicate'],
      [10, 'bad_class'],
      [11, 'bad_phone'],
    ]);
    expect(file.errors.find((e) => e.code === 'duplicate')?.value).toBe('2');
    expect(file.errors[0]?.reason).toBe('date «31.02.2015» is not a date like 29.02.2016');
    const rows = file.rows as RosterPupil[];
    expect(rows.map((row) => [row.line, row.className, row.lastName, row.firstName])).toEqual([
      [2, '5 «А»', 'Иванов', 'Иван'],
      [3, '5 «А»', 'Римская-Корсакова', 'Алёна'],
      [4, '5 «А»', 'Петров', 'Семён'],
      [13, '5 «А»', 'Смирнов-Задунайский-Охотников', 'Ярослав'],
    ]);
    expect(rows[1]?.birthDate).toBe('2015-03-04');
    expect(rows[2]?.birthDate).toBe('2015-05-04');
    expect(rows[2]?.corrected).toEqual(['Пeтрoв', 'Сeмён']);
    expect(rows[0]?.guardians).toEqual([
      {
        lastName: 'Иванова',
        firstName: 'Мария',
        patronymic: 'Петровна',
        relation: undefined,
        phone: '+79181234567',
        email: 'mama@example.com',
      },
    ]);
  };

  it('in UTF-8 CSV', async () => {
    const file = parseImportTable(await readTable(new TextEncoder().encode(BROKEN_ROSTER)), {
      today: TODAY,
    });
    expectBroken(file);
  });

  it('in Windows-1251 CSV with commas', async () => {
    const rows = parseCsv(BROKEN_ROSTER).rows.map((row) => row.cells);
    const comma = Papa.unparse(rows, { delimiter: ',' });
    const cp1251 = encodeCp1251(comma);
    const file = parseImportTable(await readTable(cp1251), { today: TODAY });
    // The blank line is gone in the rewrite, so the last good row is row 12 there.
    expect(file.errors.map((e) => e.code)).toHaveLength(7);
    expect(file.rows.map((row) => row.line)).toEqual([2, 3, 4, 12]);
  });

  it('in XLSX', async () => {
    const file = parseImportTable(await readTable(await xlsxOf(BROKEN_ROSTER)), { today: TODAY });
    expect(file.errors.map((e) => e.line)).toEqual([5, 6, 7, 8, 9, 10, 11]);
    expect(file.rows.map((row) => row.line)).toEqual([2, 3, 4, 12]);
  });

  it('imports the good rows only, and exactly once', async () => {
    const file = parseImportTable(await readTable(new TextEncoder().encode(BROKEN_ROSTER)), {
      today: TODAY,
    });
    const roster = file.rows as RosterPupil[];
    const first = planImport([], { roster }, context());
    expect(count(first.writes, 'pupil')).toBe(4);
    expect(count(first.writes, 'class')).toBe(1);
    expect(planImport(first.writes, { roster }, context()).writes).toEqual([]);
  });
});

describe('a deliberately broken staff list', () => {
  it('reports each bad row and keeps the good ones', () => {
    const text = [
      'Фамилия;Имя;Отчество;Должность;Классное руководство;Телефон;Email',
      'Орлова;Анна;Петровна;учитель;5 "Б";+7 (900) 111-22-33;aorlova@example.com', // 2
      'Жуков;Ян;;учитель;;;', // 3 no login
      'Белов;Олег;;учитель;;89001112233;', // 4 duplicate phone of 2
      'Ершов;Лев;;учитель;;;ershov(at)example.com', // 5 bad e-mail
      ';Лев;;учитель;;89005556677;', // 6 empty surname
      'Ёлкина;Мария;;директор;;89007778899;', // 7 good
    ].join('\n');
    const { rows, errors } = parseStaff(text);
    expect(errors.map((e) => [e.line, e.code])).toEqual([
      [3, 'no_login'],
      [4, 'duplicate'],
      [5, 'bad_email'],
      [6, 'empty_surname'],
    ]);
    expect(rows.map((row: StaffMember) => [row.line, row.lastName, row.leadsClass])).toEqual([
      [2, 'Орлова', '5 «Б»'],
      [7, 'Ёлкина', undefined],
    ]);
  });
});

/** Windows-1251 for the letters these tests use: Cyrillic, Ё/ё, «», and ASCII. */
function encodeCp1251(text: string): Uint8Array {
  const out: number[] = [];
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code < 0x80) out.push(code);
    else if (code >= 0x410 && code <= 0x44f) out.push(code - 0x410 + 0xc0);
    else if (char === 'Ё') out.push(0xa8);
    else if (char === 'ё') out.push(0xb8);
    else if (char === '«') out.push(0xab);
    else if (char === '»') out.push(0xbb);
    else if (char === '\u00a0') out.push(0xa0);
    else throw new Error(`no Windows-1251 byte for ${char}`);
  }
  return new Uint8Array(out);
}
