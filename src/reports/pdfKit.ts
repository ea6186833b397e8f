/**
 * A small layout kit over jsPDF: an A4 page with PT Sans (jsPDF's own fonts have no Cyrillic),
 * paragraphs that wrap within the margins and continue on the next page. jsPDF is loaded with a
 * dynamic import so it stays out of the app's first chunk.
 */
import type { jsPDF } from 'jspdf';

/** PT Sans regular and bold as base64 TTF. Licensed under the SIL OFL 1.1 (public/fonts). */
export interface ReportFonts {
  regular: string;
  bold: string;
}

export const FONT = 'PTSans';
export const MARGIN_MM = 15;

export async function newPdf(
  fonts: ReportFonts,
  orientation: 'portrait' | 'landscape' = 'portrait',
): Promise<jsPDF> {
  const { jsPDF: JsPdf } = await import('jspdf');
  const pdf = new JsPdf({ orientation, unit: 'mm', format: 'a4', compress: true });
  pdf.addFileToVFS('PTSans-Regular.ttf', fonts.regular);
  pdf.addFont('PTSans-Regular.ttf', FONT, 'normal');
  pdf.addFileToVFS('PTSans-Bold.ttf', fonts.bold);
  pdf.addFont('PTSans-Bold.ttf', FONT, 'bold');
  pdf.setFont(FONT, 'normal');
  return pdf;
}

/** Writes flowing text top to bottom, starting new pages as needed. */
export class Flow {
  y = MARGIN_MM;

  constructor(readonly pdf: jsPDF) {}

  get width(): number {
    return this.pdf.internal.pageSize.getWidth() - 2 * MARGIN_MM;
  }

  /** Where a line starts. */
  get left(): number {
    return MARGIN_MM;
  }

  private get bottom(): number {
    return this.pdf.internal.pageSize.getHeight() - MARGIN_MM;
  }

  /** Space for `mm` more, or a new page. */
  need(mm: number): void {
    if (this.y + mm <= this.bottom) return;
    this.pdf.addPage();
    this.y = MARGIN_MM;
  }

  text(text: string, options: { size?: number; bold?: boolean; indent?: number } = {}): void {
    const size = options.size ?? 11;
    const indent = options.indent ?? 0;
    this.pdf.setFont(FONT, options.bold ? 'bold' : 'normal');
    this.pdf.setFontSize(size);
    const lineMm = size * 0.3528 * 1.35;
    const lines = this.pdf.splitTextToSize(text, this.width - indent) as string[];
    for (const line of lines) {
      this.need(lineMm);
      this.y += lineMm;
      this.pdf.text(line, MARGIN_MM + indent, this.y - lineMm * 0.25);
    }
  }

  heading(text: string, size = 14): void {
    this.gap(2);
    this.text(text, { size, bold: true });
    this.gap(1);
  }

  /** «Label: value», the label in bold on its own when the value is long. */
  field(label: string, value: string): void {
    this.text(`${label}: ${value}`);
  }

  gap(mm: number): void {
    this.y += mm;
  }
}

/** `2026-09-10` as `10.09.2026`. */
export function ruDate(iso: string): string {
  const [y = '', m = '', d = ''] = iso.split('-');
  return `${d}.${m}.${y}`;
}
