import { useTranslation } from 'react-i18next';
import {
  letterForMark,
  markForLetter,
  PRESENT,
  type AttendanceBody,
  type AttendanceLetter,
} from '../domain/attendance';
import { fullName } from '../domain/names';
import type { DocOf } from '../domain/queries';
import { markText, unmarkedText } from '../guardian/MarkText';
import { navigate } from '../store/appStore';
import { useDocs, useMe } from '../store/hooks';
import { setMark } from './rollCallActions';

interface Props {
  event: DocOf<'event'>;
  pupil: DocOf<'pupil'>;
  mark: AttendanceBody | undefined;
  letters: readonly AttendanceLetter[];
  editable: boolean;
  onMarked: () => void;
  onError: (error: unknown) => void;
}

/** One pupil: name, mark in words, one button per school letter (tap again for present). */
export function RollCallRow({ event, pupil, mark, letters, editable, onMarked, onError }: Props) {
  const { t } = useTranslation();
  const docs = useDocs();
  const me = useMe();
  const name = fullName(pupil.body);
  const active = mark ? letterForMark(letters, mark) : undefined;
  const state = !mark
    ? unmarkedText(t, pupil)
    : mark.status === 'present'
      ? t('rollCall.present')
      : markText(t, mark, pupil);

  const tap = (letter: AttendanceLetter) => {
    const next = active === letter ? PRESENT : markForLetter(letter);
    onMarked();
    setMark(docs, event, pupil, next, me).catch(onError);
  };

  return (
    <li className="pupil" aria-label={name} data-mark={active?.letter ?? mark?.status ?? 'none'}>
      {editable ? (
        <button
          type="button"
          className="pupil-name"
          aria-label={t('pupils.open', { name })}
          onClick={() => {
            navigate({ name: 'pupil', pupilId: pupil.pupilId ?? '', eventId: event._id });
          }}
        >
          {name}
        </button>
      ) : (
        <span className="pupil-name">{name}</span>
      )}
      <span className={mark ? 'pupil-state' : 'pupil-state unmarked'}>{state}</span>
      {!editable && <span className="letter-badge">{active?.letter ?? ''}</span>}
      {editable && (
        <span className="letters">
          {letters.map((letter) => (
            <button
              key={letter.letter}
              type="button"
              className="letter"
              title={letter.meaning}
              aria-pressed={active === letter}
              onClick={() => {
                tap(letter);
              }}
            >
              {letter.letter}
            </button>
          ))}
        </span>
      )}
    </li>
  );
}
