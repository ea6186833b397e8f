import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { coveredEvents, noticeState } from '../domain/absence';
import { fullName, shortName } from '../domain/names';
import type { DocOf } from '../domain/queries';
import { formatDate } from '../events/formatDate';
import { markText } from '../guardian/MarkText';
import { MediaList } from '../media/MediaView';
import { useDocs } from '../store/hooks';
import { StorageFullError } from '../store/storageGuard';
import { withdrawNotice } from './absenceActions';
import { noticeWhen, STATE_KEYS } from './noticeText';
import './absence.css';

interface Props {
  notice: DocOf<'absence'>;
  /** The teacher's list names the pupil and who sent it; a family knows both. */
  forTeacher: boolean;
}

/**
 * One absence notice: for when, why, what confirms it, the comment and the certificate's photos,
 * and whether the teacher has taken it into the roll call, event by event.
 */
export function NoticeItem({ notice, forTeacher }: Props) {
  const { t, i18n } = useTranslation();
  const docs = useDocs();
  const pupil = docs.get(`pupil:${notice.pupilId ?? ''}`) as DocOf<'pupil'> | undefined;
  const sender = docs.get(`guardian:${notice.updatedBy}`) as DocOf<'guardian'> | undefined;
  const covered = useMemo(() => coveredEvents(docs, notice), [docs, notice]);
  const state = noticeState(covered, notice);
  const when = noticeWhen(notice, docs, i18n.language);
  const name = pupil ? fullName(pupil.body) : '';

  return (
    <li className="notice-item" aria-label={forTeacher ? `${name}: ${when}` : when}>
      {forTeacher && <strong className="notice-pupil">{name}</strong>}
      <span className="notice-when">{when}</span>
      <span>
        {t(`absenceReason.${notice.body.reason}`)} · {t(`absenceEvidence.${notice.body.evidence}`)}
      </span>
      {notice.body.text && <p className="notice-text">{notice.body.text}</p>}
      {forTeacher && sender && (
        <small>{t('absence.sender', { name: shortName(sender.body) })}</small>
      )}
      <MediaList ids={notice.body.media ?? []} />
      <p className="notice-state" data-state={state}>
        {t(STATE_KEYS[state])}
      </p>
      {covered.length > 0 && (
        <ul className="notice-events" aria-label={t('absence.events')}>
          {covered.map(({ event, mark }) => (
            <li key={event._id}>
              <span>
                {event.body.title}, {formatDate(event.date ?? '', i18n.language)}
              </span>
              <span className="mark-words">
                {mark ? markText(t, mark, pupil) : t('absence.notMarked')}
              </span>
            </li>
          ))}
        </ul>
      )}
      {!forTeacher && <Withdraw notice={notice} />}
    </li>
  );
}

/**
 * The family takes a notice back (the child comes after all, or it was sent by mistake), after
 * being told what stays: the marks the teacher already recorded.
 */
function Withdraw({ notice }: { notice: DocOf<'absence'> }) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const withdraw = () => {
    setProblem(null);
    withdrawNotice(notice).catch((error: unknown) => {
      setProblem(error instanceof StorageFullError ? 'device.storageFull' : 'errors.unknown');
    });
  };

  if (!asking) {
    return (
      <button
        type="button"
        className="notice-withdraw"
        onClick={() => {
          setAsking(true);
        }}
      >
        {t('absence.withdraw')}
      </button>
    );
  }
  return (
    <div className="notice-withdraw-ask" role="group" aria-label={t('absence.withdraw')}>
      <p>{t('absence.withdrawAsk')}</p>
      <button type="button" onClick={withdraw}>
        {t('absence.withdrawYes')}
      </button>
      <button
        type="button"
        onClick={() => {
          setAsking(false);
        }}
      >
        {t('absence.withdrawKeep')}
      </button>
      {problem && <p role="alert">{t(problem)}</p>}
    </div>
  );
}
