import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ClassNotices } from '../absence/ClassNotices';
import { eventsLedBy } from '../domain/eventLife';
import { classOf, teacherClassIds } from '../domain/queries';
import { CheckInScreen } from '../check-in/CheckInScreen';
import { ClassPupils } from '../pupils/ClassPupils';
import { PupilScreen } from '../pupils/PupilScreen';
import { ReportsScreen } from '../reports/ReportsScreen';
import { navigate, useApp } from '../store/appStore';
import { useDocs, useMe } from '../store/hooks';
import { AddEventForm } from './AddEventForm';
import { ClassEvents } from './ClassEvents';
import { EventScreen } from './EventScreen';
import { LedEvents } from './LedEvents';
import { PlanImportScreen } from './PlanImportScreen';

/** The class teacher's home: their classes with today's and upcoming events; or a roll call. */
export function TeacherHome() {
  const { t } = useTranslation();
  const docs = useDocs();
  const me = useMe();
  const route = useApp((state) => state.route);
  const classIds = useMemo(() => teacherClassIds(docs, me), [docs, me]);

  if (route.name === 'event') return <EventScreen eventId={route.eventId} editable />;
  if (route.name === 'plan-import') return <PlanImportScreen classId={route.classId} />;
  if (route.name === 'check-in') return <CheckInScreen eventId={route.eventId} />;
  if (route.name === 'reports') return <ReportsScreen classId={route.classId} />;
  if (route.name === 'pupil') {
    return <PupilScreen pupilId={route.pupilId} eventId={route.eventId} />;
  }
  const led = <LedEvents ownClassIds={classIds} />;
  if (classIds.length === 0) {
    return eventsLedBy(docs, me, classIds).length > 0 ? (
      led
    ) : (
      <p className="empty">{t('shell.noRole')}</p>
    );
  }

  return (
    <>
      {led}
      {classIds.map((classId) => (
        <section key={classId} className="card" aria-labelledby={`class-${classId}`}>
          <h2 id={`class-${classId}`}>
            {t('events.classHeading', { name: classOf(docs, classId)?.body.name ?? '' })}
          </h2>
          <div className="row-actions">
            <button
              type="button"
              onClick={() => {
                navigate({ name: 'reports', classId });
              }}
            >
              {t('reports.open')}
            </button>
            <button
              type="button"
              onClick={() => {
                navigate({ name: 'plan-import', classId });
              }}
            >
              {t('events.importPlan')}
            </button>
          </div>
          <ClassNotices classId={classId} />
          <ClassEvents classId={classId} />
          <ClassPupils classId={classId} />
          <AddEventForm classIds={[classId]} />
        </section>
      ))}
    </>
  );
}
