/**
 * Every report generated from the demo school, its text extracted from the PDF with pdf.js and
 * compared with what was recorded (Ё, №, «», long hyphenated surnames, a 300-character note
 * wrapped within the page), and its first page rendered to PNG under test-results/reports/ for a
 * person to look at.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { jsPDF } from 'jspdf';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { shortName } from '../domain/names';
import type { DocOf } from '../domain/queries';
import { buildNote } from '../notes/noteDocs';
import {
  ACHIEVEMENT,
  demoSchool,
  LONG_NOTE,
  LONG_SURNAME,
  MEETING_DECIDED,
  MEETING_HEARD,
  type DemoSchool,
} from '../testing/demoSchool';
import { attendanceCsv } from './attendanceCsv';
import { attendancePdf } from './attendancePdf';
import { attendanceTable } from './attendanceTable';
import { eventFacts, eventRecordPdf, minutesPdf } from './eventReports';
import type { ReportFonts } from './pdfKit';
import { draftCharacterisation, portfolioFacts, portfolioPdf } from './portfolio';

/** A whiteboard-like PNG: white with dark lines of "writing", base64. */
function whiteboardPng(width: number, height: number): string {
  const png = new PNG({ width, height });
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const ink = y % 40 < 3 && (x + y) % 7 < 5;
      const offset = (y * width + x) * 4;
      png.data.fill(ink ? 30 : 250, offset, offset + 3);
      png.data[offset + 3] = 255;
    }
  }
  return PNG.sync.write(png).toString('base64');
}

const ROOT = path.resolve(import.meta.dirname, '../..');
const OUT = path.join(ROOT, 'test-results/reports');
const font = (file: string) =>
  readFileSync(path.join(ROOT, 'public/fonts', file)).toString('base64');
const fonts: ReportFonts = {
  regular: font('PTSans_400Regular.ttf'),
  bold: font('PTSans_700Bold.ttf'),
};

interface TextItem {
  str: string;
  x: number;
  y: number;
  width: number;
}
interface Page {
  items: TextItem[];
  text: string;
  width: number;
}

/** Every page's text items, and the page's text with lines joined by single spaces. */
async function extract(pdf: jsPDF, name: string): Promise<Page[]> {
  const bytes = new Uint8Array(pdf.output('arraybuffer'));
  mkdirSync(OUT, { recursive: true });
  const file = path.join(OUT, `${name}.pdf`);
  writeFileSync(file, bytes);
  execFileSync('pdftoppm', [
    '-png',
    '-r',
    '70',
    '-f',
    '1',
    '-l',
    '1',
    '-singlefile',
    file,
    path.join(OUT, name),
  ]);
  const document = await getDocument({ data: bytes.slice(), disableFontFace: true }).promise;
  const pages: Page[] = [];
  for (let number = 1; number <= document.numPages; number += 1) {
    const page = await document.getPage(number);
    const content = await page.getTextContent();
    const items = content.items.flatMap((item) =>
      'str' in item && item.str.trim() !== ''
        ? [
            {
              str: item.str,
              x: item.transform[4] as number,
              y: item.transform[5] as number,
              width: item.width,
            },
          ]
        : [],
    );
    const text = items
      .map((item) => item.str)
      .join(' ')
      .replace(/\s+/g, ' ');
    pages.push({ items, text, width: page.getViewport({ scale: 1 }).width });
  }
  return pages;
}

let demo: DemoSchool;
const firstQuarter = { name: 'I четверть', start: '2026-09-01', end: '2026-10-24' };

beforeAll(() => {
  demo = demoSchool();
});

describe('the attendance report', () => {
  it('spans several pages, each with the header, and shows the recorded letters and totals', async () => {
    const year = { name: 'учебный год', start: '2026-09-01', end: '2027-05-26' };
    const table = attendanceTable(demo.docs, demo.classId, year, demo.school.attendanceLetters);
    const pdf = await attendancePdf(fonts, {
      schoolName: demo.school.name,
      className: '10 «Б»',
      periodName: year.name,
      ...year,
      table,
      letters: demo.school.attendanceLetters,
    });
    const pages = await extract(pdf, 'attendance');
    expect(pages.length).toBeGreaterThanOrEqual(4);
    pages.forEach((page, index) => {
      expect(page.text).toContain('Посещаемость: 10 «Б», учебный год (01.09.2026 – 26.05.2027)');
      expect(page.text).toContain('Фамилия, имя');
      expect(page.text).toContain('Дн. ув. Дн. н/у Ур. ув. Ур. н/у %');
      expect(page.text).toContain(`Лист ${String(index + 1)} из ${String(pages.length)}`);
      expect(page.text).toContain(demo.school.name);
    });

    const name = shortName(demo.longPupil.body);
    expect(name.startsWith(LONG_SURNAME)).toBe(true);
    const withPupil = pages.filter((page) => page.items.some((item) => item.str === name));
    expect(withPupil.length).toBeGreaterThan(1);
    const page = withPupil[0]!;
    const nameItem = page.items.find((item) => item.str === name)!;
    const row = page.items
      .filter((item) => item.y === nameItem.y && item.x > nameItem.x)
      .sort((a, b) => a.x - b.x)
      .map((item) => item.str);
    const absences = demo.longPupilMarks.filter((m) => m.absent);
    const excused = absences.filter((m) => m.excused).length;
    const unexcused = absences.length - excused;
    const letters = row.slice(0, -5).flatMap((cell) => cell.split(' '));
    expect(letters.filter((s) => s === 'б')).toHaveLength(excused);
    expect(letters.filter((s) => s === 'н')).toHaveLength(unexcused);
    // A day is missed when every marked lesson of it was missed.
    const byDay = new Map<string, typeof demo.longPupilMarks>();
    for (const m of demo.longPupilMarks) byDay.set(m.date, [...(byDay.get(m.date) ?? []), m]);
    const missedDays = [...byDay.values()].filter((day) => day.every((m) => m.absent));
    const daysExcused = missedDays.filter((day) => day.every((m) => m.excused)).length;
    const all = demo.longPupilMarks.length;
    const percent = (Math.round(((all - absences.length) / all) * 1000) / 10).toFixed(1);
    expect(row.slice(-5)).toEqual([
      String(daysExcused),
      String(missedDays.length - daysExcused),
      String(excused),
      String(unexcused),
      percent.replace('.', ','),
    ]);
    for (const p of pages) {
      for (const item of p.items) expect(item.x + item.width).toBeLessThanOrEqual(p.width);
    }
  });

  it('exports the same period as CSV for the regional journal', () => {
    const csv = attendanceCsv(
      demo.docs,
      demo.classId,
      '10 «Б»',
      firstQuarter,
      demo.school.attendanceLetters,
    );
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe(
      'Дата;Класс;Фамилия;Имя;Отчество;Мероприятие;Отметка;Уважительная причина',
    );
    const own = lines.filter((line) => line.includes(LONG_SURNAME));
    const absences = demo.longPupilMarks.filter((m) => m.absent && m.date <= firstQuarter.end);
    expect(own).toHaveLength(absences.length);
    expect(own[0]).toMatch(
      new RegExp(`^\\d\\d\\.\\d\\d\\.2026;10 «Б»;${LONG_SURNAME};Алёна;Фёдоровна;.+;б;да$`),
    );
  });
});

describe('the minutes of a parent meeting', () => {
  it('shows the date, present N of M, agenda, heard and decided', async () => {
    const facts = eventFacts(demo.docs, demo.meetingId)!;
    const pdf = await minutesPdf(fonts, facts, demo.school.name, 'Арутюнян Гаяне Левоновна');
    const [page] = await extract(pdf, 'minutes');
    expect(page!.text).toContain('ПРОТОКОЛ № 1');
    expect(page!.text).toContain('родительского собрания 10 «Б» класса');
    expect(page!.text).toContain('Дата: 10.09.2026');
    expect(page!.text).toContain(`Присутствовали: 21 из ${String(facts.total)}`);
    expect(page!.text).toContain(
      '1. Задачи учебного года 2. Выборы родительского комитета 3. Разное',
    );
    expect(page!.text).toContain(MEETING_HEARD);
    expect(page!.text).toContain(MEETING_DECIDED);
  });
});

describe('the minutes of a parent meeting kept as a note, with photos', () => {
  it('prints present N of M as recorded, the agenda, heard, decided and each photo', async () => {
    const meeting = demo.docs.get(`event:${demo.meetingId}`) as DocOf<'event'>;
    const note = buildNote(
      meeting,
      meeting.classIds,
      {
        kind: 'minutes',
        audience: 'class-families',
        text: '',
        minutes: {
          present: 24,
          of: 30,
          agenda: 'Итоги четверти\nЁлка',
          heard: 'Слушали классного руководителя.',
          decided: 'Провести ёлку 25 декабря.',
        },
      },
      ['media:photo-1', 'media:photo-2'],
    );
    const docs = new Map(demo.docs).set(note._id, { ...note, updatedAt: '2026-12-10T16:00:00Z' });
    const facts = eventFacts(docs, demo.meetingId)!;
    const board = {
      data: whiteboardPng(400, 300),
      format: 'PNG' as const,
      width: 400,
      height: 300,
    };
    const tall = { data: whiteboardPng(300, 900), format: 'PNG' as const, width: 300, height: 900 };
    const pdf = await minutesPdf(fonts, facts, demo.school.name, undefined, [board, tall]);
    const pages = await extract(pdf, 'minutes-with-photos');
    const text = pages.map((page) => page.text).join(' ');
    expect(text).toContain('Присутствовали: 24 из 30');
    expect(text).toContain('1. Итоги четверти 2. Ёлка');
    expect(text).toContain('Слушали классного руководителя.');
    expect(text).toContain('Провести ёлку 25 декабря.');
    expect(text).toContain('Приложения');
    const listed = execFileSync('pdfimages', ['-list', path.join(OUT, 'minutes-with-photos.pdf')])
      .toString()
      .split('\n')
      .filter((line) => /^\s*\d+\s+\d+\s+image\s/.test(line));
    expect(listed.map((line) => line.trim().split(/\s+/).slice(3, 5))).toEqual([
      ['400', '300'],
      ['300', '900'],
    ]);
  });
});

describe("an event's record", () => {
  it('shows the plan, what happened, who was there, the notes wrapped within the page, deviations', async () => {
    const facts = eventFacts(demo.docs, demo.excursionId)!;
    const pdf = await eventRecordPdf(fonts, facts, demo.school.name);
    const pages = await extract(pdf, 'event-record');
    const text = pages.map((page) => page.text).join(' ');
    expect(LONG_NOTE.length).toBeGreaterThanOrEqual(300);
    expect(text).toContain('Экскурсия в Краснодарский историко-археологический музей');
    expect(text).toContain('Дата: 16.10.2026, 09:00–15:00');
    expect(text).toContain('Музей посетили 27 учеников; экскурсовод — Ёлкина М. В.');
    expect(text).toContain(
      `Присутствовали: ${String(facts.present.length)} из ${String(facts.total)}`,
    );
    expect(text).toContain(`${LONG_SURNAME} Алёна Фёдоровна`);
    expect(text).toContain(`${LONG_NOTE} (Арутюнян Г. Л.)`);
    expect(text).toContain('Возвращение на 40 минут позже плана.');
    const noteLines = pages[0]!.items.filter(
      (item) => LONG_NOTE.includes(item.str) && item.str.length > 20,
    );
    expect(noteLines.length).toBeGreaterThan(2);
    for (const line of noteLines)
      expect(line.x + line.width).toBeLessThanOrEqual(pages[0]!.width - 40);
  });
});

describe("a pupil's portfolio and characterisation", () => {
  it('assembles a draft from the records, and prints the edited text', async () => {
    const facts = portfolioFacts(demo.docs, demo.longPupil.pupilId!, firstQuarter)!;
    const draft = draftCharacterisation(facts);
    expect(draft).toContain(`${LONG_SURNAME} Алёна Фёдоровна, 28.02.2010 года рождения`);
    expect(draft).toContain(ACHIEVEMENT);
    expect(draft).toContain('Лебедева М. Ю.: Ответственна, помогает одноклассникам с математикой.');
    const edited = `${draft}\n\nРекомендуется к участию в региональной олимпиаде.`;
    const pdf = await portfolioPdf(fonts, facts, edited, demo.school.name);
    const text = (await extract(pdf, 'portfolio')).map((page) => page.text).join(' ');
    expect(text).toContain(`Портфолио: ${LONG_SURNAME} Алёна Фёдоровна`);
    expect(text).toContain('Дата рождения: 28.02.2010');
    expect(text).toContain(`15.10.2026. ${ACHIEVEMENT} (городской)`);
    expect(text).toContain('Рекомендуется к участию в региональной олимпиаде.');
    expect(text).toContain(
      `пропущено ${String(facts.lessonsMissed)}, из них по уважительной причине ${String(facts.lessonsExcused)}`,
    );
  });
});
