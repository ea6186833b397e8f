/**
 * CSV as Russian schools export it: semicolon or comma separated, UTF-8 with or without BOM, or
 * Windows-1251.
 */
import Papa from 'papaparse';

/** Decodes a file's bytes: UTF-8 when they are valid UTF-8, Windows-1251 otherwise. */
export function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1251').decode(bytes);
  }
}

/** One data row with its 1-based line number in the file (the header is line 1). */
export interface CsvRow {
  line: number;
  cells: Record<string, string>;
}

/** A file's rows keyed by its header, from CSV or a spreadsheet. */
export interface Table {
  header: string[];
  rows: CsvRow[];
}

/** Parses CSV text with a header row into rows keyed by header; empty rows are dropped. */
export function parseCsv(text: string): Table {
  const clean = text.replace(/^\uFEFF/, '');
  const parsed = Papa.parse<string[]>(clean, { delimiter: '', skipEmptyLines: false });
  const [headerCells = [], ...lines] = parsed.data;
  const header = headerCells.map((cell) => cell.trim());
  const rows: CsvRow[] = [];
  lines.forEach((cells, index) => {
    if (cells.every((cell) => cell.trim() === '')) return;
    const record: Record<string, string> = {};
    header.forEach((name, column) => {
      record[name] = cleanCell(cells[column] ?? '');
    });
    rows.push({ line: index + 2, cells: record });
  });
  return { header, rows };
}

/** Trims a cell and folds non-breaking and repeated spaces into one space. */
export function cleanCell(text: string): string {
  return text.replace(/[\u00A0\u2007\u202F\s]+/g, ' ').trim();
}
