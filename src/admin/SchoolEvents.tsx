import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { sharedEvents } from '../domain/eventLife';
import { sortedClasses } from '../domain/queries';
import { AddEventForm } from '../events/AddEventForm';
import { EventGroup } from '../events/ClassEvents';
import { useDocs, useToday } from '../store/hooks';

type Scope = 'school' | 'classes';

/**
 * The administration's events of several classes or of the whole school: added here, listed
 * here, each opening its roll call and its life. Every class teacher sees them in their own list
 * and takes the roll of their own class.
 */
export function SchoolEvents() {
  const { t } = useTranslation();
  const docs = useDocs();
  const today = useToday();
  const [scope, setScope] = useState<Scope>('school');
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const events = useMemo(
    () => sharedEvents(docs).filter((event) => (event.date ?? '') >= today),
    [docs, today],
  );

  const classIds = (): string[] | null => {
    setSaved(false);
    if (scope === 'school') return [];
    if (chosen.size === 0) {
      setProblem(t('schoolEvents.pickClasses'));
      return null;
    }
    setProblem(null);
    return [...chosen];
  };

  return (
    <section className="card" aria-labelledby="school-events-title">
      <h2 id="school-events-title">{t('schoolEvents.heading')}</h2>
      {events.length === 0 ? (
        <p className="empty">{t('schoolEvents.none')}</p>
      ) : (
        <EventGroup heading={t('events.upcoming')} events={events} />
      )}
      <AddEventForm
        classIds={classIds}
        label={t('schoolEvents.add')}
        onSaved={() => {
          setChosen(new Set());
          setSaved(true);
        }}
      >
        <AudienceChoice scope={scope} chosen={chosen} onScope={setScope} onChosen={setChosen} />
        {problem && (
          <p className="error" role="alert">
            {problem}
          </p>
        )}
      </AddEventForm>
      {saved && <p role="status">{t('schoolEvents.saved')}</p>}
    </section>
  );
}

interface ChoiceProps {
  scope: Scope;
  chosen: ReadonlySet<string>;
  onScope: (scope: Scope) => void;
  onChosen: (chosen: ReadonlySet<string>) => void;
}

/** The whole school, or the classes ticked. */
function AudienceChoice({ scope, chosen, onScope, onChosen }: ChoiceProps) {
  const { t } = useTranslation();
  const docs = useDocs();
  const classes = useMemo(() => sortedClasses(docs), [docs]);
  const toggle = (classId: string) => {
    const next = new Set(chosen);
    if (next.has(classId)) next.delete(classId);
    else next.add(classId);
    onChosen(next);
  };

  return (
    <fieldset>
      <legend>{t('schoolEvents.who')}</legend>
      {(['school', 'classes'] as const).map((value) => (
        <label key={value} className="choice">
          <input
            type="radio"
            name="event-scope"
            checked={scope === value}
            onChange={() => {
              onScope(value);
            }}
          />
          {t(value === 'school' ? 'schoolEvents.wholeSchool' : 'schoolEvents.someClasses')}
        </label>
      ))}
      {scope === 'classes' && (
        <fieldset className="class-choice">
          <legend>{t('schoolEvents.classes')}</legend>
          {classes.map((classDoc) => {
            const classId = classDoc.classIds[0] ?? '';
            return (
              <label key={classDoc._id} className="choice">
                <input
                  type="checkbox"
                  checked={chosen.has(classId)}
                  onChange={() => {
                    toggle(classId);
                  }}
                />
                {classDoc.body.name}
              </label>
            );
          })}
        </fieldset>
      )}
    </fieldset>
  );
}
