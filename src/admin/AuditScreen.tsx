import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PupilAudit } from '../audit/PupilAudit';
import { fullName } from '../domain/names';
import { classOf, ofType, type DocOf } from '../domain/queries';
import { useDocs } from '../store/hooks';
import { BackHome } from './BackHome';
import { findPupils } from './findPupils';

/** The administration's access log: find a pupil by name, then who read or changed their data. */
export function AuditScreen() {
  const { t } = useTranslation();
  const docs = useDocs();
  const [query, setQuery] = useState('');
  const [chosen, setChosen] = useState<DocOf<'pupil'> | null>(null);
  const pupils = useMemo(() => ofType(docs, 'pupil'), [docs]);
  const found = useMemo(() => findPupils(pupils, query), [pupils, query]);

  return (
    <section className="card" aria-labelledby="audit-title">
      <BackHome />
      <h2 id="audit-title">{t('audit.heading')}</h2>
      <label>
        {t('audit.search')}
        <input
          type="search"
          value={query}
          onChange={(event) => {
            setQuery(event.target.value);
            setChosen(null);
          }}
        />
      </label>
      {!chosen && query.trim() !== '' && found.length === 0 && (
        <p className="empty">{t('audit.noPupils')}</p>
      )}
      {!chosen && (
        <ul className="classes">
          {found.map((pupil) => (
            <li key={pupil._id}>
              <button
                type="button"
                className="event"
                onClick={() => {
                  setChosen(pupil);
                }}
              >
                <span className="event-title">{fullName(pupil.body)}</span>
                <span className="event-when">
                  {classOf(docs, pupil.classIds[0] ?? '')?.body.name ?? ''}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {chosen && (
        <>
          <h3>{fullName(chosen.body)}</h3>
          <PupilAudit pupilId={chosen.pupilId ?? ''} />
        </>
      )}
    </section>
  );
}
