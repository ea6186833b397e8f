/**
 * A pupil's portfolio and a draft characterisation (характеристика), assembled from what the
 * class's teachers recorded: attendance, notes about the pupil, achievements. The draft is only a
 * start: the class teacher edits it before printing.
 */
import type { jsPDF } from 'jspdf';
import { fullName } from '../domain/names';
import { classOf, ofType, type DocOf, type Docs } from '../domain/queries';
import { attendanceTable, type Period } from './attendanceTable';
import { Flow, newPdf, ruDate, type ReportFonts } from './pdfKit';

export interface PortfolioFacts {
  pupil: DocOf<'pupil'>;
  className: string;
  birthDate: string | undefined;
  achievements: DocOf<'achievement'>[];
  /** Notes about this pupil, oldest first. */
  notes: DocOf<'note'>[];
  lessonsMissed: number;
  lessonsExcused: number;
  percent: number | undefined;
  period: Period;
}

export function portfolioFacts(
  docs: Docs,
  pupilId: string,
  period: Period,
): PortfolioFacts | undefined {
  const pupil = docs.get(`pupil:${pupilId}`) as DocOf<'pupil'> | undefined;
  const classId = pupil?.classIds[0];
  if (!pupil || !classId) return undefined;
  const profile = docs.get(`profile:${pupilId}`) as DocOf<'profile'> | undefined;
  const byDate = (a: { date?: string; updatedAt: string }, b: typeof a) =>
    (a.date ?? a.updatedAt).localeCompare(b.date ?? b.updatedAt);
  const own = <T extends 'achievement' | 'note'>(type: T) =>
    ofType(docs, type)
      .filter((doc) => doc.pupilId === pupilId)
      .sort(byDate);
  const row = attendanceTable(docs, classId, period, []).rows.find(
    (candidate) => candidate.pupil.pupilId === pupilId,
  );
  const totals = row?.totals;
  return {
    pupil,
    className: classOf(docs, classId)?.body.name ?? '',
    birthDate: profile?.body.birthDate,
    achievements: own('achievement'),
    notes: own('note'),
    lessonsMissed: (totals?.lessonsExcused ?? 0) + (totals?.lessonsUnexcused ?? 0),
    lessonsExcused: totals?.lessonsExcused ?? 0,
    percent: totals?.percent,
    period,
  };
}

/** The draft characterisation; the class teacher edits it before printing. */
export function draftCharacterisation(facts: PortfolioFacts): string {
  const { pupil } = facts;
  const female = pupil.body.sex === 'F';
  const born = facts.birthDate ? `, ${ruDate(facts.birthDate)} года рождения` : '';
  const parts = [`${fullName(pupil.body)}${born}, обучается в ${facts.className} классе.`];
  if (facts.percent !== undefined) {
    parts.push(
      `За период «${facts.period.name}» ${female ? 'посетила' : 'посетил'} ${facts.percent.toFixed(0)} % занятий; ` +
        `${female ? 'пропустила' : 'пропустил'} ${String(facts.lessonsMissed)}, из них по уважительной причине ${String(facts.lessonsExcused)}.`,
    );
  }
  if (facts.achievements.length > 0) {
    parts.push(`Достижения: ${facts.achievements.map((a) => a.body.title).join('; ')}.`);
  }
  for (const note of facts.notes) {
    const author = note.body.authorName ? `${note.body.authorName}: ` : '';
    parts.push(`${author}${note.body.text}`);
  }
  return parts.join('\n\n');
}

export async function portfolioPdf(
  fonts: ReportFonts,
  facts: PortfolioFacts,
  characterisation: string,
  schoolName: string,
): Promise<jsPDF> {
  const pdf = await newPdf(fonts);
  const flow = new Flow(pdf);
  flow.text(schoolName, { size: 10 });
  flow.heading(`Портфолио: ${fullName(facts.pupil.body)}`, 16);
  flow.field('Класс', facts.className);
  if (facts.birthDate) flow.field('Дата рождения', ruDate(facts.birthDate));
  flow.heading('Достижения', 12);
  if (facts.achievements.length === 0) flow.text('—');
  for (const { body, date } of facts.achievements) {
    const when = date ? `${ruDate(date)}. ` : '';
    const level = body.level ? ` (${body.level})` : '';
    flow.text(`${when}${body.title}${level}${body.text ? `. ${body.text}` : ''}`);
  }
  flow.heading('Посещаемость', 12);
  flow.text(
    `${facts.period.name}: пропущено ${String(facts.lessonsMissed)}, из них по уважительной причине ${String(facts.lessonsExcused)}` +
      (facts.percent === undefined
        ? ''
        : `; посещено ${facts.percent.toFixed(1).replace('.', ',')} %`),
  );
  flow.heading('Характеристика', 14);
  for (const paragraph of characterisation.split(/\n{2,}/)) {
    flow.text(paragraph);
    flow.gap(2);
  }
  flow.gap(8);
  flow.text('Классный руководитель: ____________________');
  return pdf;
}
