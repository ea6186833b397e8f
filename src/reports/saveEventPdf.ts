/** Makes and saves the minutes of a meeting or the record of an event, loading the PDF code lazily. */
import { fullName } from '../domain/names';
import type { DocOf, Docs } from '../domain/queries';
import { runtime } from '../store/runtime';
import type { Period } from './attendanceTable';
import type { ReportPhoto } from './eventReports';
import { loadFonts, savePdf } from './reportFiles';

const PDF_FORMATS: Record<string, ReportPhoto['format'] | undefined> = {
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
};

/**
 * The photos' bytes, decrypted from the store (memory keeps media without them). A photo not yet
 * on this device, or in a format a PDF cannot embed, is left out.
 */
async function loadPhotos(ids: readonly string[]): Promise<ReportPhoto[]> {
  const { repo } = runtime();
  const docs = await Promise.all(ids.map((id) => repo.get(id)));
  return docs.flatMap((doc) => {
    if (doc?.type !== 'media' || doc._deleted) return [];
    const body = (doc as DocOf<'media'>).body;
    const format = PDF_FORMATS[body.mime.split(';')[0] ?? ''];
    if (!format || !body.data) return [];
    return [{ data: body.data, format, width: body.width ?? 4, height: body.height ?? 3 }];
  });
}

export type EventReportKind = 'minutes' | 'record';

export async function saveEventPdf(
  docs: Docs,
  eventId: string,
  kind: EventReportKind,
  schoolName: string,
): Promise<void> {
  const reports = await import('./eventReports');
  const facts = reports.eventFacts(docs, eventId);
  if (!facts) throw new Error('the event is not on this device');
  const fonts = await loadFonts();
  const pdf =
    kind === 'minutes'
      ? await reports.minutesPdf(
          fonts,
          facts,
          schoolName,
          undefined,
          await loadPhotos(facts.photoIds),
        )
      : await reports.eventRecordPdf(fonts, facts, schoolName);
  const name = kind === 'minutes' ? 'Протокол' : 'Мероприятие';
  savePdf(pdf, `${name} ${facts.event.date ?? ''}.pdf`);
}

/** Makes and saves a pupil's portfolio with the characterisation as the teacher edited it. */
export async function savePortfolioPdf(
  docs: Docs,
  pupilId: string,
  period: Period,
  characterisation: string,
  schoolName: string,
): Promise<void> {
  const { portfolioFacts, portfolioPdf } = await import('./portfolio');
  const facts = portfolioFacts(docs, pupilId, period);
  if (!facts) throw new Error('the pupil is not on this device');
  const pdf = await portfolioPdf(await loadFonts(), facts, characterisation, schoolName);
  savePdf(pdf, `Портфолио ${fullName(facts.pupil.body)}.pdf`);
}
