import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { letterForMark, type AttendanceBody, type AttendanceLetter } from '../domain/attendance';
import type { Suggestion } from '../domain/absence';
import { fullName } from '../domain/names';
import type { DocOf } from '../domain/queries';
import { markText, unmarkedText } from '../guardian/MarkText';

interface Props {
  pupil: DocOf<'pupil'>;
  mark: AttendanceBody | undefined;
  /** A family's absence notice, shown while the pupil has no mark; one tap records it. */
  suggestion?: Suggestion | undefined;
  letters: readonly AttendanceLetter[];
  editable: boolean;
  /** One tap: absent with the school's letter ↔ present (`toggledMark`). */
  onToggle: () => void;
  /** The sheet with every letter, the reason, evidence, excused flag and the history. */
  onDetails: () => void;
}

/**
 * One pupil of the roll: the whole row is one tap target that toggles between absent, with the
 * school's letter, and present; it shows the mark in words and its letter. «⋯» opens the sheet.
 * The register shows surname and first name; the full name is the row's accessible name.
 */
export function RollCallRow(props: Props) {
  const { pupil, mark, suggestion, letters, editable, onToggle, onDetails } = props;
  const { t } = useTranslation();
  const stateId = useId();
  const name = fullName(pupil.body);
  const shown = mark ?? suggestion?.mark;
  const letter = shown ? letterForMark(letters, shown) : undefined;
  const absent = mark?.status === 'absent';
  const state = suggestion
    ? t('rollCall.fromNotice', {
        reason: t(`absenceReason.${suggestion.mark.reason}`).toLocaleLowerCase(),
      })
    : !mark
      ? unmarkedText(t, pupil)
      : mark.status === 'present'
        ? t('rollCall.present')
        : markText(t, mark, pupil);
  const content = (
    <>
      <span className="pupil-name" title={name}>
        {pupil.body.lastName} {pupil.body.firstName}
      </span>
      <span id={stateId} className={mark ? 'pupil-state' : 'pupil-state unmarked'}>
        {state}
        {mark?.why ? ` · ${t('rollCall.corrected')}` : ''}
      </span>
      <span className="letter-badge" aria-hidden="true">
        {letter?.letter ?? ''}
      </span>
    </>
  );

  return (
    <li
      className="pupil"
      aria-label={name}
      data-mark={letter?.letter ?? mark?.status ?? 'none'}
      data-status={suggestion ? 'suggested' : (mark?.status ?? 'unmarked')}
    >
      {editable ? (
        <>
          <button
            type="button"
            className="pupil-toggle"
            aria-label={t(suggestion ? 'rollCall.confirmNotice' : 'rollCall.toggleLabel', { name })}
            aria-pressed={absent}
            aria-describedby={stateId}
            onClick={onToggle}
          >
            {content}
          </button>
          <button
            type="button"
            className="pupil-more"
            aria-label={t('rollCall.details', { name })}
            aria-haspopup="dialog"
            onClick={onDetails}
          >
            ⋯
          </button>
        </>
      ) : (
        <div className="pupil-toggle">{content}</div>
      )}
    </li>
  );
}
