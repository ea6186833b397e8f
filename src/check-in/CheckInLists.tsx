import { useTranslation } from 'react-i18next';
import type { CardRefusal } from '../domain/checkInCard';
import { uuidOf } from '../domain/envelope';
import { fullName } from '../domain/names';
import { markAt, type DocOf } from '../domain/queries';
import { useDocs, useSchool } from '../store/hooks';
import { refusalKey } from './refusalKey';

interface Props {
  event: DocOf<'event'>;
  pupils: readonly DocOf<'pupil'>[];
  /** Pupils whose mark says they are here, whether by a card or by a tap in the roll call. */
  here: readonly DocOf<'pupil'>[];
  refusals: readonly { refusal: CardRefusal; at: number }[];
}

/** A moment as the school's clock shows it: «08:02». */
function clock(instant: string | number, timeZone: string, language: string): string {
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'ru-RU', {
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
  }).format(new Date(instant));
}

/** Who came (latest first, with the time), how many are still missing and who, refused cards. */
export function CheckInLists({ event, pupils, here, refusals }: Props) {
  const { t, i18n } = useTranslation();
  const docs = useDocs();
  const timeZone = useSchool()?.body.timeZone ?? 'Europe/Moscow';
  const uuid = uuidOf(event._id);
  const arrivals = here
    .map((pupil) => ({ pupil, at: markAt(docs, uuid, pupil.pupilId ?? '')?.recordedAt ?? '' }))
    .sort((a, b) => b.at.localeCompare(a.at));
  const hereIds = new Set(here.map((pupil) => pupil._id));
  const missing = pupils.filter((pupil) => !hereIds.has(pupil._id));

  return (
    <div className="check-in-lists">
      <p
        className="counter"
        aria-label={t('checkIn.countLabel', {
          here: here.length,
          total: pupils.length,
          missing: missing.length,
        })}
      >
        {t('checkIn.count', { here: here.length, total: pupils.length })}
        <span className="check-in-missing">{t('checkIn.missing', { count: missing.length })}</span>
      </p>
      <h3 id="check-in-arrivals">{t('checkIn.arrivals')}</h3>
      {arrivals.length === 0 && <p className="empty">{t('checkIn.noArrivals')}</p>}
      <ol className="check-in-arrivals" aria-labelledby="check-in-arrivals">
        {arrivals.map(({ pupil, at }) => (
          <li key={pupil._id}>
            <span className="pupil-name">{fullName(pupil.body)}</span>
            <span className="event-when">{at ? clock(at, timeZone, i18n.language) : ''}</span>
          </li>
        ))}
      </ol>
      {missing.length > 0 && (
        <details className="check-in-absent">
          <summary>{t('checkIn.missingList', { count: missing.length })}</summary>
          <ul aria-label={t('checkIn.missingList', { count: missing.length })}>
            {missing.map((pupil) => (
              <li key={pupil._id}>{fullName(pupil.body)}</li>
            ))}
          </ul>
        </details>
      )}
      {refusals.length > 0 && (
        <>
          <h3 id="check-in-refused">{t('checkIn.refused')}</h3>
          <ul className="check-in-refused" aria-labelledby="check-in-refused">
            {refusals.map(({ refusal, at }) => (
              <li key={at}>
                <span className="event-when">{clock(at, timeZone, i18n.language)}</span>{' '}
                {t(refusalKey(refusal))}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
