/**
 * Printable check-in cards of a class: A4 sheets of eight bank-card-sized cards (85 × 54 mm), each
 * with the pupil's name and class in print and a QR code that carries only ids (see
 * src/domain/checkInCard.ts). The name is printed for people; the code never contains it.
 */
import type { jsPDF } from 'jspdf';
import { encodeCard } from '../domain/checkInCard';
import { classOf, pupilsOf, type Docs } from '../domain/queries';
import { FONT, MARGIN_MM, newPdf, type ReportFonts } from '../reports/pdfKit';

export interface CheckInCard {
  lastName: string;
  /** First name and patronymic. */
  givenNames: string;
  className: string;
  schoolName: string;
  /** The text of the QR code. */
  payload: string;
}

const CARD_W_MM = 85;
const CARD_H_MM = 54;
const GAP_MM = 8;
const COLUMNS = 2;
const ROWS = 4;
const QR_MM = 42;
const PADDING_MM = 5;

/** The cards of a class's pupils, in register order. */
export function cardsOfClass(docs: Docs, classId: string, schoolName: string): CheckInCard[] {
  const className = classOf(docs, classId)?.body.name ?? '';
  return pupilsOf(docs, [classId]).map(({ body, schoolId, pupilId }) => ({
    lastName: body.lastName,
    givenNames: [body.firstName, body.patronymic].filter(Boolean).join(' '),
    className,
    schoolName,
    payload: encodeCard({ schoolId, classId, pupilId: pupilId ?? '' }),
  }));
}

async function qrImage(payload: string): Promise<string> {
  const { toDataURL } = await import('qrcode');
  // Level M survives a scuffed or folded card; a one-module margin, the card's white is the rest.
  return toDataURL(payload, { errorCorrectionLevel: 'M', margin: 1, width: 360 });
}

/**
 * A name at 12 pt, or smaller down to 8 pt until its longest word fits the card, so that a long
 * double-barrelled surname is never split inside a word; wrapped at spaces and hyphens after that.
 */
function fitted(pdf: jsPDF, text: string, width: number): string[] {
  const longest = Math.max(
    ...text.split(/[\s-]/).map((word) => pdf.setFontSize(12).getTextWidth(word)),
  );
  pdf.setFontSize(Math.max(8, Math.min(12, (12 * width) / Math.max(longest, 1))));
  const parts = text.split(/(?<=-)|\s+/);
  const lines: string[] = [];
  for (const part of parts) {
    const last = lines.at(-1);
    const joined = last === undefined ? part : last.endsWith('-') ? last + part : `${last} ${part}`;
    if (last !== undefined && pdf.getTextWidth(joined) <= width) lines[lines.length - 1] = joined;
    else lines.push(part);
  }
  return lines;
}

function drawCard(pdf: jsPDF, card: CheckInCard, image: string, x: number, y: number): void {
  pdf.setDrawColor(160);
  pdf.setLineDashPattern([1.5, 1.5], 0);
  pdf.roundedRect(x, y, CARD_W_MM, CARD_H_MM, 3, 3);
  pdf.setLineDashPattern([], 0);
  pdf.addImage(image, 'PNG', x + PADDING_MM - 1, y + (CARD_H_MM - QR_MM) / 2, QR_MM, QR_MM);

  const textX = x + PADDING_MM + QR_MM + 2;
  const textW = CARD_W_MM - (textX - x) - PADDING_MM + 2;
  let lineY = y + 11;
  for (const [line, bold] of [
    [card.lastName, true],
    [card.givenNames, false],
  ] as const) {
    pdf.setFont(FONT, bold ? 'bold' : 'normal');
    const lines = fitted(pdf, line, textW);
    pdf.text(lines, textX, lineY);
    lineY += lines.length * pdf.getFontSize() * 0.3528 * 1.2 + 1;
  }
  pdf.setFont(FONT, 'normal');
  pdf.setFontSize(11);
  pdf.text(card.className, textX, lineY + 3);
  pdf.setFontSize(7);
  const footer = pdf.splitTextToSize(card.schoolName, textW) as string[];
  pdf.text(footer, textX, y + CARD_H_MM - PADDING_MM - (footer.length - 1) * 3);
}

/** One card per pupil, eight to a page, with dashed cutting lines. */
export async function checkInCardsPdf(
  fonts: ReportFonts,
  cards: readonly CheckInCard[],
): Promise<jsPDF> {
  const pdf = await newPdf(fonts);
  const images = await Promise.all(cards.map((card) => qrImage(card.payload)));
  const perPage = COLUMNS * ROWS;
  cards.forEach((card, index) => {
    const slot = index % perPage;
    if (index > 0 && slot === 0) pdf.addPage();
    const x = MARGIN_MM + (slot % COLUMNS) * (CARD_W_MM + GAP_MM);
    const y = MARGIN_MM + Math.floor(slot / COLUMNS) * (CARD_H_MM + GAP_MM);
    drawCard(pdf, card, images[index] ?? '', x, y);
  });
  return pdf;
}
