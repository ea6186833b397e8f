import { useEffect, useId, useRef, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { formatMoment } from '../audit/auditRows';
import {
  excusedFor,
  letterForMark,
  markForLetter,
  MAX_WHY_CHARS,
  PRESENT,
  sameMark,
  type AttendanceBody,
  type AttendanceLetter,
  type Mark,
} from '../domain/attendance';
import { fullName } from '../domain/names';
import type { DocOf } from '../domain/queries';
import { markText, unmarkedText } from '../guardian/MarkText';
import { navigate } from '../store/appStore';
import { StorageFullError } from '../store/storageGuard';
import { schoolTimeZone, useDocs, useMe, useSchool } from '../store/hooks';
import { useViewer } from '../events/useViewer';
import { MarkFields } from './MarkFields';
import { describeMark, MarkHistory } from './MarkHistory';
import { needsWhy, setMark, WhyRequiredError } from './rollCallActions';

interface Props {
  event: DocOf<'event'>;
  pupil: DocOf<'pupil'>;
  mark: AttendanceBody | undefined;
  /** The mark to propose, e.g. what one tap asked for when it turned out to be a correction. */
  proposed?: Mark | undefined;
  onClose: () => void;
}

type Problem = 'whyMissing' | 'unchanged' | 'storageFull' | 'unknown';

const PROBLEM_TEXT: Record<Problem, string> = {
  whyMissing: 'markSheet.whyMissing',
  unchanged: 'markSheet.unchanged',
  storageFull: 'device.storageFull',
  unknown: 'errors.unknown',
};

/** What a failed save means to the teacher; the sheet stays open, so it says so itself. */
function problemOf(error: unknown): Problem {
  if (error instanceof WhyRequiredError) return 'whyMissing';
  return error instanceof StorageFullError ? 'storageFull' : 'unknown';
}

/**
 * One pupil's mark in full: the school's letters (one tap records one and closes), the status,
 * reason, evidence and excused flag, and the history with who, when and why. Changing a mark
 * from an earlier school day is a correction: it asks why first (see `isCorrection`).
 */
export function MarkSheet({ event, pupil, mark, proposed, onClose }: Props) {
  const { t } = useTranslation();
  const docs = useDocs();
  const me = useMe();
  const school = useSchool()?.body;
  const letters = school?.attendanceLetters ?? [];
  const dialog = useRef<HTMLDialogElement>(null);
  const whyField = useRef<HTMLTextAreaElement>(null);
  const [correction] = useState(() => needsWhy(docs, event, pupil));
  const [draft, setDraft] = useState<Mark>(proposed ?? mark ?? PRESENT);
  const [why, setWhy] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const titleId = useId();
  const name = fullName(pupil.body);
  // The pupil's card (attendance by period, achievements, portfolio) is their class teacher's;
  // a substitute or a subject teacher takes the roll only.
  const viewer = useViewer();
  const ownPupil =
    viewer.admin || pupil.classIds.some((classId) => viewer.ownClassIds.includes(classId));
  const active = mark ? letterForMark(letters, mark) : undefined;

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    if (correction) whyField.current?.focus();
  }, [correction]);

  const save = (next: Mark) => {
    setDraft(next);
    if (mark && sameMark(mark, next)) {
      setProblem('unchanged');
      return;
    }
    if (correction && why.trim() === '') {
      setProblem('whyMissing');
      whyField.current?.focus();
      return;
    }
    setMark(docs, event, pupil, next, me, correction ? why : undefined).then(
      onClose,
      (error: unknown) => {
        setProblem(problemOf(error));
      },
    );
  };

  /** A change of status, reason or evidence proposes the excused flag by the school's rules. */
  const change = (fields: Partial<Omit<Mark, 'excused'>>) => {
    const next = { ...draft, ...fields };
    setProblem(null);
    setDraft({ ...next, excused: school ? excusedFor(next, school) : next.excused });
  };

  return (
    <dialog ref={dialog} className="dialog mark-sheet" aria-labelledby={titleId} onCancel={onClose}>
      <h2 id={titleId}>{name}</h2>
      <p className="event-when">
        {mark ? describeMark(t, mark, letters, pupil) : unmarkedText(t, pupil)}
      </p>
      {correction && mark && (
        <CorrectionWhy
          recordedAt={mark.recordedAt}
          value={why}
          field={whyField}
          onChange={(text) => {
            setWhy(text);
            setProblem(null);
          }}
        />
      )}
      <div className="sheet-letters" role="group" aria-label={t('markSheet.letters')}>
        <button
          type="button"
          aria-pressed={mark?.status === 'present'}
          onClick={() => {
            save(PRESENT);
          }}
        >
          {t('markSheet.present')}
        </button>
        {letters.map((letter) => (
          <LetterButton
            key={letter.letter}
            letter={letter}
            meaning={markText(t, markForLetter(letter), pupil)}
            pressed={active === letter}
            onChoose={() => {
              save(markForLetter(letter));
            }}
          />
        ))}
      </div>
      <MarkFields
        draft={draft}
        proposedExcused={school ? excusedFor(draft, school) : false}
        onChange={change}
        onExcused={(excused) => {
          setDraft({ ...draft, excused });
        }}
      />
      <button
        type="button"
        className="primary"
        onClick={() => {
          save(draft);
        }}
      >
        {t('markSheet.save')}
      </button>
      {problem && (
        <p className="error" role="alert">
          {t(PROBLEM_TEXT[problem])}
        </p>
      )}
      <h3>{t('markSheet.history')}</h3>
      {mark ? (
        <MarkHistory body={mark} letters={letters} pupil={pupil} />
      ) : (
        <p className="empty">{t('markSheet.noHistory')}</p>
      )}
      <div className="dialog-actions">
        {ownPupil && (
          <button
            type="button"
            aria-label={t('pupils.open', { name })}
            onClick={() => {
              navigate({ name: 'pupil', pupilId: pupil.pupilId ?? '', eventId: event._id });
            }}
          >
            {t('markSheet.pupilCard')}
          </button>
        )}
        <button type="button" onClick={onClose}>
          {t('markSheet.close')}
        </button>
      </div>
    </dialog>
  );
}

/**
 * A school letter: the letter on the button, its meaning beside it as the button's description,
 * in the app's language and the pupil's grammatical gender («болела»), from the mark the letter
 * stands for.
 */
function LetterButton({
  letter,
  meaning,
  pressed,
  onChoose,
}: {
  letter: AttendanceLetter;
  meaning: string;
  pressed: boolean;
  onChoose: () => void;
}) {
  const meaningId = useId();
  return (
    <span className="sheet-letter">
      <button
        type="button"
        className="letter"
        aria-pressed={pressed}
        aria-describedby={meaningId}
        onClick={onChoose}
      >
        {letter.letter}
      </button>
      <span id={meaningId}>{meaning}</span>
    </span>
  );
}

/** The why of a correction, under when the mark it corrects was recorded. */
function CorrectionWhy({
  recordedAt,
  value,
  field,
  onChange,
}: {
  recordedAt: string;
  value: string;
  field: RefObject<HTMLTextAreaElement | null>;
  onChange: (text: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const timeZone = schoolTimeZone(useSchool());
  const hintId = useId();
  const fieldId = useId();
  return (
    <div className="correction-why">
      <p id={hintId} className="hint">
        {t('markSheet.whyNeeded', { when: formatMoment(recordedAt, i18n.language, timeZone) })}
      </p>
      <label htmlFor={fieldId}>{t('markSheet.why')}</label>
      <textarea
        id={fieldId}
        ref={field}
        aria-describedby={hintId}
        maxLength={MAX_WHY_CHARS}
        rows={2}
        value={value}
        onChange={(e) => {
          onChange(e.target.value);
        }}
      />
    </div>
  );
}
