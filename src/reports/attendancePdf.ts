/**
 * The attendance report of a class for a period, landscape A4: pupils by rows, dates by columns,
 * the school's letters, and the totals of each pupil. When the dates or the pupils do not fit, the
 * table continues on further pages, each with the title and the column header repeated.
 */
import type { jsPDF } from 'jspdf';
import type { AttendanceLetter } from '../domain/attendance';
import { shortName } from '../domain/names';
import type { AttendanceTable } from './attendanceTable';
import { FONT, MARGIN_MM, newPdf, ruDate, type ReportFonts } from './pdfKit';

export interface AttendanceReportInput {
  schoolName: string;
  className: string;
  periodName: string;
  start: string;
  end: string;
  table: AttendanceTable;
  letters: readonly AttendanceLetter[];
}

const ROW_MM = 6;
const NUMBER_MM = 8;
const NAME_MM = 58;
const DATE_MM = 7.5;
const TOTAL_MM = 13;
const TOTALS = ['Дн. ув.', 'Дн. н/у', 'Ур. ув.', 'Ур. н/у', '%'];
const HEADER_TOP_MM = 28;
const HEADER_ROWS_MM = 12;

function cell(pdf: jsPDF, x: number, y: number, w: number, text: string, align = 'center'): void {
  pdf.rect(x, y, w, ROW_MM);
  // A long double-barrelled surname shrinks to fit its cell rather than run over the next one.
  const size = pdf.getFontSize();
  while (pdf.getTextWidth(text) > w - 2 && pdf.getFontSize() > 5) {
    pdf.setFontSize(pdf.getFontSize() - 0.5);
  }
  const tx = align === 'left' ? x + 1 : x + w / 2;
  pdf.text(text, tx, y + ROW_MM - 1.8, { align: align === 'left' ? 'left' : 'center' });
  pdf.setFontSize(size);
}

function drawTitle(pdf: jsPDF, input: AttendanceReportInput, page: string): void {
  pdf.setFont(FONT, 'bold');
  pdf.setFontSize(13);
  pdf.text(
    `Посещаемость: ${input.className}, ${input.periodName} (${ruDate(input.start)} – ${ruDate(input.end)})`,
    MARGIN_MM,
    MARGIN_MM + 2,
  );
  pdf.setFont(FONT, 'normal');
  pdf.setFontSize(9);
  pdf.text(input.schoolName, MARGIN_MM, MARGIN_MM + 7);
  const legend = input.letters.map((letter) => `${letter.letter} — ${letter.meaning}`).join('; ');
  pdf.text(
    pdf.splitTextToSize(`Обозначения: ${legend}`, 240) as string[],
    MARGIN_MM,
    MARGIN_MM + 11,
  );
  const width = pdf.internal.pageSize.getWidth();
  pdf.text(page, width - MARGIN_MM, MARGIN_MM + 2, { align: 'right' });
}

function drawHeader(pdf: jsPDF, dates: readonly string[]): void {
  pdf.setFont(FONT, 'bold');
  pdf.setFontSize(7);
  const y = HEADER_TOP_MM;
  let x = MARGIN_MM;
  pdf.rect(x, y, NUMBER_MM, HEADER_ROWS_MM);
  pdf.text('№', x + NUMBER_MM / 2, y + 7, { align: 'center' });
  x += NUMBER_MM;
  pdf.rect(x, y, NAME_MM, HEADER_ROWS_MM);
  pdf.text('Фамилия, имя', x + 1, y + 7);
  x += NAME_MM;
  for (const date of dates) {
    pdf.rect(x, y, DATE_MM, HEADER_ROWS_MM);
    pdf.text(date.slice(8, 10), x + DATE_MM / 2, y + 5, { align: 'center' });
    pdf.text(date.slice(5, 7), x + DATE_MM / 2, y + 9, { align: 'center' });
    x += DATE_MM;
  }
  for (const total of TOTALS) {
    pdf.rect(x, y, TOTAL_MM, HEADER_ROWS_MM);
    pdf.text(total, x + TOTAL_MM / 2, y + 7, { align: 'center' });
    x += TOTAL_MM;
  }
  pdf.setFont(FONT, 'normal');
}

/** Splits a list into pieces of at most `size`. */
function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size)
    out.push(items.slice(start, start + size));
  return out.length > 0 ? out : [[]];
}

export async function attendancePdf(
  fonts: ReportFonts,
  input: AttendanceReportInput,
): Promise<jsPDF> {
  const pdf = await newPdf(fonts, 'landscape');
  const width = pdf.internal.pageSize.getWidth();
  const height = pdf.internal.pageSize.getHeight();
  const datesPerPage = Math.floor(
    (width - 2 * MARGIN_MM - NUMBER_MM - NAME_MM - TOTALS.length * TOTAL_MM) / DATE_MM,
  );
  const rowsPerPage = Math.floor((height - MARGIN_MM - HEADER_TOP_MM - HEADER_ROWS_MM) / ROW_MM);
  const dateChunks = chunks(
    input.table.dates.map((date, index) => ({ date, index })),
    datesPerPage,
  );
  const rowChunks = chunks(
    input.table.rows.map((row, index) => ({ row, index })),
    rowsPerPage,
  );
  const pages = dateChunks.length * rowChunks.length;

  let page = 0;
  for (const dateChunk of dateChunks) {
    for (const rowChunk of rowChunks) {
      if (page > 0) pdf.addPage();
      page += 1;
      drawTitle(pdf, input, `Лист ${String(page)} из ${String(pages)}`);
      drawHeader(
        pdf,
        dateChunk.map(({ date }) => date),
      );
      pdf.setFontSize(8);
      let y = HEADER_TOP_MM + HEADER_ROWS_MM;
      for (const { row, index } of rowChunk) {
        let x = MARGIN_MM;
        cell(pdf, x, y, NUMBER_MM, String(index + 1));
        x += NUMBER_MM;
        cell(pdf, x, y, NAME_MM, shortName(row.pupil.body), 'left');
        x += NAME_MM;
        for (const { index: column } of dateChunk) {
          cell(pdf, x, y, DATE_MM, row.cells[column] ?? '');
          x += DATE_MM;
        }
        const t = row.totals;
        const values = [t.daysExcused, t.daysUnexcused, t.lessonsExcused, t.lessonsUnexcused];
        for (const value of values) {
          cell(pdf, x, y, TOTAL_MM, String(value));
          x += TOTAL_MM;
        }
        cell(
          pdf,
          x,
          y,
          TOTAL_MM,
          t.percent === undefined ? '—' : t.percent.toFixed(1).replace('.', ','),
        );
        y += ROW_MM;
      }
    }
  }
  return pdf;
}
