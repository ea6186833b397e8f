/**
 * The check-in cards of 10 «Б» as printed: every pupil's name and class are on the sheets, the QR
 * code of the first card, read back from the rendered page, checks that pupil in at an event of
 * the class and is refused at an event of another class.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import jsQR from 'jsqr';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { decideCard } from '../domain/checkInCard';
import { fullName } from '../domain/names';
import { pupilsOf, sortedClasses } from '../domain/queries';
import type { ReportFonts } from '../reports/pdfKit';
import { demoSchool } from '../testing/demoSchool';
import { cardsOfClass, checkInCardsPdf } from './cardsPdf';

const ROOT = path.resolve(import.meta.dirname, '../..');
const OUT = path.join(ROOT, 'test-results/reports');
const font = (file: string) =>
  readFileSync(path.join(ROOT, 'public/fonts', file)).toString('base64');
const fonts: ReportFonts = {
  regular: font('PTSans_400Regular.ttf'),
  bold: font('PTSans_700Bold.ttf'),
};
const DPI = 150;
const px = (mm: number) => String(Math.round((mm / 25.4) * DPI));

async function pageTexts(bytes: Uint8Array): Promise<string[]> {
  const document = await getDocument({ data: bytes.slice(), disableFontFace: true }).promise;
  const texts: string[] = [];
  for (let number = 1; number <= document.numPages; number += 1) {
    const content = await (await document.getPage(number)).getTextContent();
    texts.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
  }
  return texts;
}

/** The first card (top left, 15 mm in, 85 × 54 mm) rendered as a printer would, read by jsQR. */
function readFirstCard(file: string): string | undefined {
  const prefix = path.join(OUT, 'check-in-card-1');
  const crop = ['-x', px(15), '-y', px(15), '-W', px(85), '-H', px(54)];
  execFileSync('pdftoppm', [
    '-png',
    '-r',
    String(DPI),
    '-f',
    '1',
    '-l',
    '1',
    '-singlefile',
    ...crop,
    file,
    prefix,
  ]);
  const png = PNG.sync.read(readFileSync(`${prefix}.png`));
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data;
}

describe('check-in cards', () => {
  const demo = demoSchool();
  const cards = cardsOfClass(demo.docs, demo.classId, 'Демо-школа № 1');
  const pupils = pupilsOf(demo.docs, [demo.classId]);

  it('one per pupil of the class, in register order, with no name in the code', () => {
    expect(cards.map((card) => `${card.lastName} ${card.givenNames}`)).toEqual(
      pupils.map((pupil) => fullName(pupil.body)),
    );
    for (const card of cards) {
      expect(card.className).toBe('10 «Б»');
      expect(card.payload).not.toMatch(/[А-Яа-яЁё]/);
    }
  });

  it('prints every name and class, eight to a page, with a code that checks the pupil in', async () => {
    const pdf = await checkInCardsPdf(fonts, cards);
    const bytes = new Uint8Array(pdf.output('arraybuffer'));
    mkdirSync(OUT, { recursive: true });
    const file = path.join(OUT, 'check-in-cards.pdf');
    writeFileSync(file, bytes);

    const texts = await pageTexts(bytes);
    expect(texts).toHaveLength(Math.ceil(cards.length / 8));
    // A long surname wraps after a hyphen, never inside a word.
    const all = texts.join(' ').replace(/\s+/g, ' ').replaceAll('- ', '-');
    for (const card of cards) expect(all).toContain(`${card.lastName} ${card.givenNames} 10 «Б»`);
    expect(all.match(/10 «Б»/g)).toHaveLength(cards.length);

    const scanned = readFirstCard(file);
    const first = pupils[0];
    if (!first?.pupilId || !scanned) throw new Error(`first card not readable: ${String(scanned)}`);
    const schoolId = first.schoolId;
    const pupilIds = new Set(pupils.map((pupil) => pupil.pupilId ?? ''));
    expect(decideCard(scanned, { schoolId, classIds: [demo.classId], pupilIds })).toEqual({
      ok: true,
      pupilId: first.pupilId,
    });
    const otherClass = sortedClasses(demo.docs).find((doc) => doc.classIds[0] !== demo.classId);
    const fiveA = otherClass?.classIds[0] ?? '';
    const fiveAPupils = new Set(pupilsOf(demo.docs, [fiveA]).map((pupil) => pupil.pupilId ?? ''));
    expect(decideCard(scanned, { schoolId, classIds: [fiveA], pupilIds: fiveAPupils })).toEqual({
      ok: false,
      refusal: 'other-class',
    });
  });
});
