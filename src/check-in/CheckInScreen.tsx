import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { decideCard, type CardRefusal } from '../domain/checkInCard';
import { uuidOf } from '../domain/envelope';
import { fullName } from '../domain/names';
import { markAt, pupilsOf, type DocOf } from '../domain/queries';
import { formatDate } from '../events/formatDate';
import { useRollCallClassIds } from '../events/useViewer';
import { genderOf } from '../guardian/MarkText';
import { navigate } from '../store/appStore';
import { useDocs, useMe, useSchool } from '../store/hooks';
import { StorageFullError } from '../store/storageGuard';
import { beep } from './beep';
import { checkIn } from './checkInActions';
import { CheckInLists } from './CheckInLists';
import { refusalKey } from './refusalKey';
import { ScanGate } from './scanGate';
import { useQrScanner, type CameraState } from './useQrScanner';
import './checkIn.css';

/** What the last read card did, shown large under the camera. */
type LastScan =
  | { kind: 'accepted'; name: string; already: boolean; gender: 'male' | 'female' | undefined }
  | { kind: 'refused'; refusal: CardRefusal }
  | { kind: 'earlier-day'; name: string }
  | { kind: 'failed'; storageFull: boolean };

const CAMERA_KEYS: Record<Exclude<CameraState, 'running'>, string> = {
  starting: 'checkIn.cameraStarting',
  denied: 'checkIn.cameraDenied',
  unavailable: 'checkIn.cameraUnavailable',
  failed: 'checkIn.cameraFailed',
};

/**
 * «Отметка по QR» at the door: the camera reads pupils' cards and marks each one present, with a
 * beep, the list of who came and how many are still missing. Offline like the roll call: the marks
 * go into the outbox and are sent when the network is back.
 */
export function CheckInScreen({ eventId }: { eventId: string }) {
  const { t, i18n } = useTranslation();
  const docs = useDocs();
  const me = useMe();
  const schoolId = useSchool()?.schoolId ?? '';
  const event = docs.get(eventId) as DocOf<'event'> | undefined;
  // At an event of several classes or of the whole school, the teacher's own class.
  const classIds = useRollCallClassIds(event);
  const pupils = useMemo(() => pupilsOf(docs, classIds), [docs, classIds]);
  const [last, setLast] = useState<LastScan | null>(null);
  const [refusals, setRefusals] = useState<{ refusal: CardRefusal; at: number }[]>([]);
  const gate = useRef(new ScanGate());

  // The scanner calls back from its own loop: it reads the newest documents through this ref.
  const current = useRef({ docs, event, classIds, pupils, me, schoolId });
  useEffect(() => {
    current.current = { docs, event, classIds, pupils, me, schoolId };
  });

  const onCode = useCallback((text: string) => {
    const { docs, event, classIds, pupils, me, schoolId } = current.current;
    if (!event) return;
    const pupilIds = new Set(pupils.map((pupil) => pupil.pupilId ?? ''));
    const decision = decideCard(text, { schoolId, classIds, pupilIds });
    if (!decision.ok) {
      const now = Date.now();
      if (!gate.current.announceRefusal(text, now)) return;
      beep('refused');
      setLast({ kind: 'refused', refusal: decision.refusal });
      setRefusals((list) => [{ refusal: decision.refusal, at: now }, ...list].slice(0, 5));
      return;
    }
    const pupil = pupils.find((p) => p.pupilId === decision.pupilId);
    if (!pupil || !gate.current.admitPupil(decision.pupilId)) return;
    checkIn(docs, event, pupil, me).then(
      (result) => {
        if (result === 'earlier-day') {
          gate.current.forgetPupil(decision.pupilId);
          beep('refused');
          setLast({ kind: 'earlier-day', name: fullName(pupil.body) });
          return;
        }
        beep('accepted');
        setLast({
          kind: 'accepted',
          name: fullName(pupil.body),
          already: result === 'already-here',
          gender: genderOf(pupil),
        });
      },
      (error: unknown) => {
        gate.current.forgetPupil(decision.pupilId);
        beep('refused');
        setLast({ kind: 'failed', storageFull: error instanceof StorageFullError });
      },
    );
  }, []);
  const { videoRef, state } = useQrScanner(onCode);

  if (!event) return null;
  const uuid = uuidOf(event._id);
  const here = pupils.filter((pupil) => {
    const mark = markAt(docs, uuid, pupil.pupilId ?? '');
    return mark !== undefined && mark.status !== 'absent';
  });

  return (
    <section className="card check-in" aria-labelledby="check-in-title">
      <button
        type="button"
        onClick={() => {
          navigate({ name: 'event', eventId });
        }}
      >
        ← {t('checkIn.toRollCall')}
      </button>
      <h2 id="check-in-title">{t('checkIn.heading', { title: event.body.title })}</h2>
      <p className="event-when">
        {formatDate(event.date ?? '', i18n.language)}
        {event.body.start ? `, ${event.body.start}` : ''}
      </p>
      <div className="check-in-camera">
        <video ref={videoRef} muted playsInline aria-label={t('checkIn.camera')} />
        {state !== 'running' && (
          <p className={state === 'starting' ? 'hint' : 'error'} role="alert">
            {t(CAMERA_KEYS[state])}
          </p>
        )}
      </div>
      <LastScanLine last={last} />
      <CheckInLists event={event} pupils={pupils} here={here} refusals={refusals} />
    </section>
  );
}

function LastScanLine({ last }: { last: LastScan | null }) {
  const { t } = useTranslation();
  let text = t('checkIn.showCard');
  if (last?.kind === 'accepted') {
    const key = last.already ? 'checkIn.alreadyHere' : 'checkIn.checkedIn';
    text = t(key, { name: last.name, ...(last.gender ? { context: last.gender } : {}) });
  } else if (last?.kind === 'earlier-day') {
    text = t('checkIn.earlierDay', { name: last.name });
  } else if (last?.kind === 'refused') {
    text = t(refusalKey(last.refusal));
  } else if (last?.kind === 'failed') {
    text = last.storageFull ? t('device.storageFull') : t('errors.unknown');
  }
  return (
    <p className="check-in-last" role="status" data-result={last?.kind ?? 'waiting'}>
      {text}
    </p>
  );
}
