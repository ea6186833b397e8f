/** The demo school's files, in both encodings, parse completely and exactly. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseClassName } from './classNames';
import { decodeText } from './csv';
import { parsePlan } from './plan';
import { parseRoster } from './roster';
import { parseStaff } from './staff';

const DEMO = path.resolve(import.meta.dirname, '../../../demo-data');
const read = (name: string) => decodeText(new Uint8Array(readFileSync(path.join(DEMO, name))));

describe('demo school files', () => {
  it('the roster has 586 pupils, the same in UTF-8 and in Windows-1251', () => {
    const utf8 = parseRoster(read('roster.csv'));
    const cp1251 = parseRoster(read('roster-cp1251.csv'));
    expect(utf8.errors).toEqual([]);
    expect(utf8.rows).toHaveLength(586);
    expect(cp1251.rows).toEqual(utf8.rows);
  });

  it('reads names with Ё, relations in parentheses and a leap-day birthday', () => {
    const { rows } = parseRoster(read('roster.csv'));
    const first = rows[0]!;
    expect(first).toMatchObject({
      className: '1 «А»',
      lastName: 'Аксёнова',
      firstName: 'Дарья',
      birthDate: '2019-12-29',
      sex: 'F',
    });
    expect(first.guardians[0]).toMatchObject({
      lastName: 'Аксёнова',
      phone: '+79602961366',
      email: 'naksenova12@example.com',
    });
    const guardians = rows.flatMap((row) => row.guardians);
    expect(guardians.some((g) => g.relation?.includes('опекун'))).toBe(true);
    expect(rows.some((row) => row.birthDate?.endsWith('-02-29'))).toBe(true);
  });

  it('the staff list has 27 people, 22 class teachers and 3 in the administration', () => {
    const { rows, errors } = parseStaff(read('staff.csv'));
    expect(errors).toEqual([]);
    expect(rows).toHaveLength(27);
    expect(rows.filter((s) => s.leadsClass)).toHaveLength(22);
    expect(rows.find((s) => s.email === 'garutyunyan919@example.com')?.leadsClass).toBe('10 «Б»');
  });

  it('the plan has 92 rows for 5 «А» and 10 «Б»', () => {
    const { rows, errors } = parsePlan(read('plan-2026-2027.csv'));
    expect(errors).toEqual([]);
    expect(rows).toHaveLength(92);
    expect(new Set(rows.map((r) => r.className))).toEqual(new Set(['5 «А»', '10 «Б»']));
    expect(rows[1]).toMatchObject({
      date: '2026-09-07',
      start: '08:00',
      end: '08:30',
      title: 'Разговоры о важном',
    });
  });
});

describe('parseClassName', () => {
  it.each(['5А', '5 А', '5-А', '5 «А»', '5 "А"', '5a', ' 5  «а» '])('%j is 5 «А»', (text) => {
    expect(parseClassName(text)?.name).toBe('5 «А»');
  });
  it.each(['', 'А5', '12 «А»', '5 «АБ»'])('%j is not a class', (text) => {
    expect(parseClassName(text)).toBeUndefined();
  });
});

describe('a broken roster', () => {
  it('reports each bad row with its line and reason, and keeps the good rows unchanged', () => {
    const header =
      'Класс;Фамилия;Имя;Отчество;Дата рождения;Пол;Представитель 1 (ФИО);Телефон 1;Email 1;Представитель 2 (ФИО);Телефон 2;Email 2';
    const text = [
      header,
      '5 А;Иванов;Иван;Иванович;01.02.2015;М;Иванова Мария Петровна;89181234567;;;;',
      'Пятый;Петров;Пётр;;01.02.2015;М;;;;;;',
      '5 А;;Анна;;01.02.2015;Ж;;;;;;',
      '5 А;Сидоров;Олег;;31.02.2015;М;;;;;;',
    ].join('\r\n');
    const { rows, errors } = parseRoster(text);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      className: '5 «А»',
      lastName: 'Иванов',
      guardians: [{ phone: '+79181234567' }],
    });
    expect(errors.map((e) => e.line)).toEqual([3, 4, 5]);
    expect(errors[2]?.reason).toMatch(/31\.02\.2015/);
  });
});
