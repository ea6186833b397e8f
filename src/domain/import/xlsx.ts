/**
 * The first worksheet of an XLSX file as a {@link Table}, in the same shape as a CSV export. exceljs
 * is large, so it is loaded only when a spreadsheet is opened.
 */
import { cleanCell, type CsvRow, type Table } from './csv';

/** True when the bytes are a ZIP container (XLSX is one); CSV never starts with `PK`. */
export function isXlsx(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/** A date cell as `DD.MM.YYYY`, the way a CSV export writes it. */
function ruDate(date: Date): string {
  const day = String(date.getUTCDate()).padStart(2, '0');
  const month = String(date.getUTCMonth() + 1).padStart(2, '0');
  return `${day}.${month}.${String(date.getUTCFullYear())}`;
}

/** The text a person sees in a cell: rich text joined, formulas by their result. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return ruDate(value);
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'object') {
    const cell = value as { richText?: { text: string }[]; result?: unknown; text?: unknown };
    if (cell.richText) return cell.richText.map((part) => part.text).join('');
    if ('result' in cell) return cellText(cell.result);
    if (typeof cell.text === 'string') return cell.text;
  }
  return '';
}

/** Reads the first worksheet; row numbers are the spreadsheet's own, the header being row 1. */
export async function readXlsx(bytes: Uint8Array): Promise<Table> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  // exceljs declares Node's Buffer but reads any ArrayBuffer, in the browser too.
  await workbook.xlsx.load(bytes.slice().buffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) return { header: [], rows: [] };

  const header: string[] = [];
  sheet.getRow(1).eachCell({ includeEmpty: true }, (cell, column) => {
    header[column - 1] = cleanCell(cellText(cell.value));
  });
  const rows: CsvRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    if (line === 1) return;
    const cells: Record<string, string> = {};
    header.forEach((name, index) => {
      cells[name] = cleanCell(cellText(row.getCell(index + 1).value));
    });
    if (Object.values(cells).some((cell) => cell !== '')) rows.push({ line, cells });
  });
  return { header, rows };
}
