/** Makes and saves the minutes of a meeting or the record of an event, loading the PDF code lazily. */
import { fullName } from '../domain/names';
import type { Docs } from '../domain/queries';
import type { Period } from './attendanceTable';
import { loadFonts, savePdf } from './reportFiles';

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
      ? await reports.minutesPdf(fonts, facts, schoolName)
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
