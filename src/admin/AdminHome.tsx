import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { pupilsOf, sortedClasses } from '../domain/queries';
import { EventScreen } from '../events/EventScreen';
import { PlanImportScreen } from '../events/PlanImportScreen';
import { navigate, useApp } from '../store/appStore';
import { useDocs } from '../store/hooks';
import { AdminClass } from './AdminClass';
import { AuditScreen } from './AuditScreen';
import { DevicesScreen } from './DevicesScreen';
import { ImportScreen } from './ImportScreen';
import { SchoolEvents } from './SchoolEvents';
import { TodayAbsences } from './TodayAbsences';

/**
 * The administration's view: today's absences, events of several classes or of the whole school
 * (which it adds and changes), and classes → events → marks, read-only.
 */
export function AdminHome() {
  const { t } = useTranslation();
  const docs = useDocs();
  const route = useApp((state) => state.route);
  const classes = useMemo(() => sortedClasses(docs), [docs]);

  if (route.name === 'event') return <EventScreen eventId={route.eventId} editable={false} />;
  if (route.name === 'class') return <AdminClass classId={route.classId} />;
  if (route.name === 'devices') return <DevicesScreen />;
  if (route.name === 'audit') return <AuditScreen />;
  if (route.name === 'import') return <ImportScreen />;
  if (route.name === 'plan-import') return <PlanImportScreen />;

  return (
    <>
      <TodayAbsences />
      <section className="card" aria-labelledby="administration-title">
        <h2 id="administration-title">{t('admin.administration')}</h2>
        <div className="row-actions">
          <button
            type="button"
            onClick={() => {
              navigate({ name: 'devices' });
            }}
          >
            {t('devices.heading')}
          </button>
          <button
            type="button"
            onClick={() => {
              navigate({ name: 'audit' });
            }}
          >
            {t('audit.heading')}
          </button>
          <button
            type="button"
            onClick={() => {
              navigate({ name: 'import' });
            }}
          >
            {t('importer.heading')}
          </button>
          <button
            type="button"
            onClick={() => {
              navigate({ name: 'plan-import' });
            }}
          >
            {t('planImport.open')}
          </button>
        </div>
      </section>
      <SchoolEvents />
      <section className="card" aria-labelledby="classes-title">
        <h2 id="classes-title">{t('admin.classes')}</h2>
        <ul className="classes">
          {classes.map((classDoc) => (
            <li key={classDoc._id}>
              <button
                type="button"
                className="event"
                onClick={() => {
                  navigate({ name: 'class', classId: classDoc.classIds[0] ?? '' });
                }}
              >
                <span className="event-title">{classDoc.body.name}</span>
                <span className="event-when">
                  {t('admin.pupils', { count: pupilsOf(docs, classDoc.classIds).length })}
                </span>
              </button>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
