/**
 * The attendance of a class for a period as CSV for the regional journal: one row per mark that
 * is not «present», semicolon separated, UTF-8 with BOM so Excel opens it in Cyrillic.
 */
import Papa from 'papaparse';
import { letterForMark, type AttendanceLetter } from '../domain/attendance';
import { ofType, pupilsOf, type Docs } from '../domain/queries';

export const ATTENDANCE_CSV_HEADER = [
  'Дата',
  'Класс',
  'Фамилия',
  'Имя',
  'Отчество',
  'Мероприятие',
  'Отметка',
  'Уважительная причина',
];

export function attendanceCsv(
  docs: Docs,
  classId: string,
  className: string,
  period: { start: string; end: string },
  letters: readonly AttendanceLetter[],
): string {
  const pupils = pupilsOf(docs, [classId]);
  const order = new Map(pupils.map((pupil, index) => [pupil.pupilId, index]));
  const rows = ofType(docs, 'attendance')
    .filter(
      (mark) =>
        mark.classIds.includes(classId) &&
        (mark.date ?? '') >= period.start &&
        (mark.date ?? '') <= period.end &&
        mark.body.status !== 'present',
    )
    .sort(
      (a, b) =>
        (a.date ?? '').localeCompare(b.date ?? '') ||
        (order.get(a.pupilId) ?? 0) - (order.get(b.pupilId) ?? 0),
    )
    .map((mark) => {
      const pupil = pupils[order.get(mark.pupilId) ?? -1]?.body;
      const event = docs.get(`event:${mark.eventId ?? ''}`)?.body as { title?: string } | undefined;
      const [y = '', m = '', d = ''] = (mark.date ?? '').split('-');
      return [
        `${d}.${m}.${y}`,
        className,
        pupil?.lastName ?? '',
        pupil?.firstName ?? '',
        pupil?.patronymic ?? '',
        event?.title ?? '',
        letterForMark(letters, mark.body)?.letter ?? mark.body.status,
        mark.body.excused ? 'да' : 'нет',
      ];
    });
  return `\uFEFF${Papa.unparse([ATTENDANCE_CSV_HEADER, ...rows], { delimiter: ';', newline: '\r\n' })}\r\n`;
}
