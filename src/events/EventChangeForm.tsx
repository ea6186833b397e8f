import { useMemo, useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { checkChange, type EventDoc, type LifeAction, type LifeRequest } from '../domain/eventLife';
import { compareByName, fullName, shortName } from '../domain/names';
import { ofType } from '../domain/queries';
import { StorageFullError } from '../store/storageGuard';
import { useDocs, useMe } from '../store/hooks';
import { Field } from './AddEventForm';
import { changeEvent } from './eventLifeActions';
import { useActor } from './useViewer';

type FormAction = Exclude<LifeAction, 'held'>;

interface Props {
  event: EventDoc;
  action: FormAction;
  onDone: () => void;
  onClose: () => void;
}

/** Value of the substitute list that gives the event back to the class teacher. */
const TAKE_BACK = 'take-back';

interface Values {
  reason: string;
  date: string;
  start: string;
  who: string;
  title: string;
  kind: string;
  place: string;
  end: string;
}

function initialValues(event: EventDoc): Values {
  const body = event.body;
  return {
    reason: '',
    date: event.date ?? '',
    start: body.start ?? '',
    who: '',
    title: body.title,
    kind: body.kind ?? '',
    place: body.place ?? '',
    end: body.end ?? '',
  };
}

/**
 * The form of one change: a reason for a cancellation, a move (with the new date and time) and a
 * substitution (with who); the fields of an edit. A missing reason is said in words, not by the
 * browser's tooltip, so the teacher knows the families will read it.
 */
export function EventChangeForm({ event, action, onDone, onClose }: Props) {
  const { t } = useTranslation();
  const actor = useActor();
  const [values, setValues] = useState<Values>(() => initialValues(event));
  const [error, setError] = useState<string | null>(null);
  const people = useStaffChoices(event);
  const set = (key: keyof Values) => (value: string) => {
    setValues((current) => ({ ...current, [key]: value }));
  };

  const submit = (form: SyntheticEvent) => {
    form.preventDefault();
    const request = requestOf(action, values, people);
    if (!request) {
      setError(t('eventLife.error_substitute_required'));
      return;
    }
    const problem = checkChange(event, request);
    if (problem) {
      setError(t(`eventLife.error_${problem}`));
      return;
    }
    changeEvent(event, request, actor()).then(onDone, (failure: unknown) => {
      setError(
        failure instanceof StorageFullError ? t('device.storageFull') : t('eventLife.saveFailed'),
      );
    });
  };

  const reasonLabel = action === 'restored' ? t('eventLife.restoreReason') : t('eventLife.reason');
  return (
    <form
      className="event-change"
      onSubmit={submit}
      aria-label={t(`eventLife.${action}`)}
      noValidate
    >
      {action === 'moved' && (
        <>
          <Field
            label={t('eventLife.newDate')}
            type="date"
            value={values.date}
            onChange={set('date')}
          />
          <Field
            label={t('eventLife.newStart')}
            type="time"
            value={values.start}
            onChange={set('start')}
          />
        </>
      )}
      {action === 'substituted' && (
        <label>
          {t('eventLife.who')}
          <select
            value={values.who}
            onChange={(e) => {
              set('who')(e.target.value);
            }}
          >
            <option value="">{t('eventLife.choose')}</option>
            {event.body.substitute && <option value={TAKE_BACK}>{t('eventLife.takeBack')}</option>}
            {people.map((person) => (
              <option key={person.personId} value={person.personId}>
                {person.label}
              </option>
            ))}
          </select>
        </label>
      )}
      {action === 'edited' ? (
        <>
          <Field label={t('events.title')} value={values.title} onChange={set('title')} />
          <Field label={t('events.kind')} value={values.kind} onChange={set('kind')} />
          <Field label={t('events.place')} value={values.place} onChange={set('place')} />
          <Field label={t('events.end')} type="time" value={values.end} onChange={set('end')} />
        </>
      ) : (
        <>
          <label>
            {reasonLabel}
            <textarea
              maxLength={1000}
              rows={2}
              value={values.reason}
              aria-describedby="event-change-hint"
              onChange={(e) => {
                set('reason')(e.target.value);
              }}
            />
          </label>
          <small id="event-change-hint" className="hint">
            {t('eventLife.reasonHint')}
          </small>
        </>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="row-actions">
        <button type="submit" className={action === 'cancelled' ? 'danger' : 'primary'}>
          {t(`eventLife.confirm_${action}`)}
        </button>
        <button type="button" onClick={onClose}>
          {t('eventLife.close')}
        </button>
      </div>
    </form>
  );
}

interface StaffChoice {
  personId: string;
  /** Full name and position, as a teacher recognises a colleague. */
  label: string;
  /** «Фамилия И. О.», as the event shows who leads it. */
  name: string;
}

/** The school's staff the teacher reads, but not the teacher or the present substitute. */
function useStaffChoices(event: EventDoc): StaffChoice[] {
  const docs = useDocs();
  const me = useMe();
  return useMemo(
    () =>
      ofType(docs, 'staff')
        .filter((doc) => doc.personId && doc.personId !== me)
        .filter((doc) => doc.personId !== event.body.substitute?.personId)
        .sort((a, b) => compareByName(a.body, b.body))
        .map((doc) => ({
          personId: doc.personId ?? '',
          label: `${fullName(doc.body)}, ${doc.body.position}`,
          name: shortName(doc.body),
        })),
    [docs, me, event],
  );
}

/** The request the form asks for; null when a substitution names no one. */
function requestOf(action: FormAction, values: Values, people: StaffChoice[]): LifeRequest | null {
  switch (action) {
    case 'cancelled':
      return { action, reason: values.reason };
    case 'restored':
      return { action, reason: values.reason };
    case 'moved':
      return { action, reason: values.reason, toDate: values.date, toStart: values.start };
    case 'edited':
      return {
        action,
        fields: { title: values.title, kind: values.kind, place: values.place, end: values.end },
      };
    case 'substituted': {
      if (values.who === TAKE_BACK) return { action, reason: values.reason, substitute: null };
      const person = people.find((choice) => choice.personId === values.who);
      return person
        ? {
            action,
            reason: values.reason,
            substitute: { personId: person.personId, name: person.name },
          }
        : null;
    }
  }
}
