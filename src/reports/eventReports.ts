/**
 * The minutes (протокол) of a parent meeting and the record of an event, from what was recorded:
 * the event, its marks and its notes. Nothing here is typed twice.
 */
import type { jsPDF } from 'jspdf';
import { attended } from '../domain/attendance';
import { isParentMeeting } from '../domain/eventLife';
import { fullName } from '../domain/names';
import {
  classOf,
  eventsOfClass,
  markAt,
  notesOfEvent,
  pupilsOf,
  type DocOf,
  type Docs,
} from '../domain/queries';
import { minutesOfEvent, type Minutes } from '../notes/noteFacts';
import { Flow, newPdf, ruDate, type ReportFonts } from './pdfKit';

export interface EventFacts {
  event: DocOf<'event'>;
  className: string;
  /** Pupils marked present (or off-site) at the event, by name. */
  present: string[];
  /** Pupils of the class. */
  total: number;
  /** Free-text notes of the event (the minutes are apart). */
  notes: DocOf<'note'>[];
  /** A parent meeting's minutes: the minutes note's, or those an older version kept in the event. */
  minutes: Minutes | undefined;
  /** Ids of the minutes' photos, in order; the PDF gets their bytes from the store. */
  photoIds: string[];
  /** The meeting's number among the class's parent meetings of the year, from 1. */
  number: number;
}

/** A photo for a PDF: the stored bytes, base64, and their size in pixels. */
export interface ReportPhoto {
  data: string;
  format: 'JPEG' | 'PNG';
  width: number;
  height: number;
}

export function eventFacts(docs: Docs, eventId: string): EventFacts | undefined {
  const event = docs.get(`event:${eventId}`) as DocOf<'event'> | undefined;
  const classId = event?.classIds[0];
  if (!event || !classId) return undefined;
  const pupils = pupilsOf(docs, [classId]);
  const present = pupils.filter((pupil) => {
    const mark = markAt(docs, eventId, pupil.pupilId ?? '');
    return mark !== undefined && attended(mark);
  });
  const meetings = eventsOfClass(docs, classId).filter(isParentMeeting);
  const notes = notesOfEvent(docs, eventId);
  const minutesNote = notes.filter((note) => note.body.kind === 'minutes').at(-1);
  return {
    event,
    className: classOf(docs, classId)?.body.name ?? '',
    present: present.map((pupil) => fullName(pupil.body)),
    total: pupils.length,
    notes: notes.filter((note) => note.body.kind !== 'minutes' && note.body.text.trim() !== ''),
    minutes: minutesOfEvent(docs, event),
    photoIds: (minutesNote?.body.media ?? []).filter((id) => {
      const media = docs.get(id) as DocOf<'media'> | undefined;
      return media?.body.kind === 'photo';
    }),
    number: meetings.findIndex((meeting) => meeting._id === event._id) + 1 || meetings.length + 1,
  };
}

function signature(flow: Flow, role: string, name: string | undefined): void {
  flow.gap(10);
  flow.text(`${role}: ____________________ ${name ?? ''}`);
}

/** A photo across the text width at most, and at most 120 mm high, on a new page if need be. */
function photo(flow: Flow, image: ReportPhoto): void {
  const scale = Math.min(flow.width / image.width, 120 / image.height);
  const [width, height] = [image.width * scale, image.height * scale];
  flow.gap(3);
  flow.need(height);
  flow.pdf.addImage(image.data, image.format, flow.left, flow.y, width, height);
  flow.gap(height);
}

/**
 * The minutes of a parent meeting: «Присутствовали: N из M» as recorded in the minutes (or from
 * the roll call for minutes of an older version), the agenda, heard, decided, and the photos.
 */
export async function minutesPdf(
  fonts: ReportFonts,
  facts: EventFacts,
  schoolName: string,
  teacherName?: string,
  photos: readonly ReportPhoto[] = [],
): Promise<jsPDF> {
  const pdf = await newPdf(fonts);
  const flow = new Flow(pdf);
  const { event } = facts;
  const minutes = facts.minutes ?? {
    present: facts.present.length,
    of: facts.total,
    agenda: [],
    heard: '',
    decided: '',
  };
  flow.text(schoolName, { size: 10 });
  flow.heading(`ПРОТОКОЛ № ${String(facts.number)}`, 16);
  flow.text(`родительского собрания ${facts.className} класса`, { bold: true });
  // A title that quotes its theme («Родительское собрание «Итоги…»») is not quoted again.
  flow.text(/[«"]/.test(event.body.title) ? event.body.title : `«${event.body.title}»`);
  flow.gap(3);
  flow.field('Дата', ruDate(event.date ?? ''));
  if (event.body.place) flow.field('Место', event.body.place);
  flow.field('Присутствовали', `${String(minutes.present)} из ${String(minutes.of)}`);
  flow.heading('Повестка дня', 12);
  minutes.agenda.forEach((item, index) => {
    flow.text(`${String(index + 1)}. ${item}`, { indent: 4 });
  });
  flow.heading('Слушали', 12);
  flow.text(minutes.heard || '—');
  flow.heading('Решили', 12);
  flow.text(minutes.decided || '—');
  if (photos.length > 0) {
    flow.heading('Приложения', 12);
    for (const image of photos) photo(flow, image);
  }
  signature(flow, 'Классный руководитель', teacherName);
  return pdf;
}

const STATUS_WORDS = { planned: 'запланировано', held: 'проведено', cancelled: 'отменено' };

export async function eventRecordPdf(
  fonts: ReportFonts,
  facts: EventFacts,
  schoolName: string,
): Promise<jsPDF> {
  const pdf = await newPdf(fonts);
  const flow = new Flow(pdf);
  const { body } = facts.event;
  flow.text(schoolName, { size: 10 });
  flow.heading(`Запись о мероприятии: ${body.title}`, 15);
  flow.field('Класс', facts.className);
  flow.field('Состояние', STATUS_WORDS[body.status]);
  flow.heading('Запланировано', 12);
  const when = [body.start, body.end].filter(Boolean).join('–');
  flow.field('Дата', `${ruDate(facts.event.date ?? '')}${when ? `, ${when}` : ''}`);
  for (const [label, value] of [
    ['Вид', body.kind],
    ['Место', body.place],
    ['Участники', body.participants],
    ['Ответственный', body.responsible],
  ] as const) {
    if (value) flow.field(label, value);
  }
  flow.heading('Что произошло', 12);
  flow.text(body.outcome || '—');
  flow.heading(`Присутствовали: ${String(facts.present.length)} из ${String(facts.total)}`, 12);
  flow.text(facts.present.join(', ') || '—');
  flow.heading('Заметки', 12);
  if (facts.notes.length === 0) flow.text('—');
  for (const note of facts.notes) {
    const author = note.body.authorName ? ` (${note.body.authorName})` : '';
    flow.text(`${note.body.text}${author}`);
    flow.gap(2);
  }
  flow.heading('Отклонения от плана', 12);
  flow.text(body.deviations || '—');
  return pdf;
}
