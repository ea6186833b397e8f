import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { formatMoment } from '../audit/auditRows';
import {
  letterForMark,
  type AttendanceBody,
  type AttendanceLetter,
  type Mark,
  type RecordedMark,
} from '../domain/attendance';
import { shortName } from '../domain/names';
import type { DocOf, Docs } from '../domain/queries';
import { markText } from '../guardian/MarkText';
import { schoolTimeZone, useDocs, useSchool } from '../store/hooks';

/**
 * A mark in the school's words: its letter, what it means for the pupil, and the reason and
 * evidence where they are known («б — отсутствовала, болела (болезнь; медицинская справка)»).
 */
export function describeMark(
  t: TFunction,
  mark: Mark,
  letters: readonly AttendanceLetter[],
  pupil: DocOf<'pupil'> | undefined,
): string {
  const letter = letterForMark(letters, mark)?.letter;
  const details = [
    mark.reason === 'unknown' ? '' : t(`attendanceReason.${mark.reason}`),
    mark.evidence === 'none' ? '' : t(`attendanceEvidence.${mark.evidence}`),
  ].filter(Boolean);
  const words = markText(t, mark, pupil);
  return [
    letter ? `${letter} — ` : '',
    words,
    details.length > 0 ? ` (${details.join('; ')})` : '',
  ].join('');
}

/** Who recorded a mark, as the staff list names them; marks are recorded by staff only. */
export function recorderName(t: TFunction, docs: Docs, personId: string): string {
  const staff = docs.get(`staff:${personId}`) as DocOf<'staff'> | undefined;
  return staff && !staff._deleted ? shortName(staff.body) : t('markSheet.someone');
}

/** Every version of one pupil's mark, newest first, with who recorded it, when and why. */
export function MarkHistory({
  body,
  letters,
  pupil,
}: {
  body: AttendanceBody;
  letters: readonly AttendanceLetter[];
  pupil: DocOf<'pupil'> | undefined;
}) {
  const { t, i18n } = useTranslation();
  const docs = useDocs();
  const timeZone = schoolTimeZone(useSchool());
  const { history, ...current } = body;
  const versions: RecordedMark[] = [current, ...[...history].reverse()];

  return (
    <ol className="mark-history">
      {versions.map((version) => (
        <li key={`${version.recordedAt}|${version.recordedBy}|${version.status}`}>
          <span className="mark-words">{describeMark(t, version, letters, pupil)}</span>
          <small>
            {t('markSheet.entry', {
              who: recorderName(t, docs, version.recordedBy),
              when: formatMoment(version.recordedAt, i18n.language, timeZone),
            })}
          </small>
          {version.why && <small>{t('markSheet.whyLine', { why: version.why })}</small>}
        </li>
      ))}
    </ol>
  );
}
