import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  canChangeEvent,
  leaderActions,
  offeredActions,
  type EventDoc,
  type LifeAction,
} from '../domain/eventLife';
import { StorageFullError } from '../store/storageGuard';
import { useToday } from '../store/hooks';
import { EventChangeForm } from './EventChangeForm';
import { EventHistory } from './EventHistory';
import { changeEvent } from './eventLifeActions';
import { useActor, useViewer } from './useViewer';
import './eventLife.css';

/**
 * An event's state, the changes the viewer may make to it, and its history. A class teacher
 * changes only their own class's events; an event of several classes or of the whole school is
 * the administration's, and a substitute takes its roll and marks it held: both are told so.
 */
export function EventLifePanel({ event }: { event: EventDoc }) {
  const { t } = useTranslation();
  const viewer = useViewer();
  const today = useToday();
  const actor = useActor();
  const [form, setForm] = useState<Exclude<LifeAction, 'held'> | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const mayChange = canChangeEvent(event, viewer);
  const offered = mayChange ? offeredActions(event, today) : leaderActions(event, viewer, today);
  const status = event.body.status;

  const onFailure = (failure: unknown) => {
    setMessage(
      failure instanceof StorageFullError ? t('device.storageFull') : t('eventLife.saveFailed'),
    );
  };
  const choose = (action: LifeAction) => {
    setMessage(null);
    if (action !== 'held') {
      setForm(action);
      return;
    }
    changeEvent(event, { action }, actor()).then(() => {
      setMessage(t('eventLife.saved'));
    }, onFailure);
  };

  return (
    <section className="card event-life" aria-labelledby="event-life-title">
      <h3 id="event-life-title">{t('eventLife.heading')}</h3>
      <p className="event-status" data-status={status}>
        {t(`eventLife.status_${status}`)}
      </p>
      {!mayChange && <p className="hint">{t(readOnlyReason(event, viewer.personId))}</p>}
      {form === null && offered.length > 0 && (
        <div className="row-actions">
          {offered.map((action) => (
            <button
              key={action}
              type="button"
              onClick={() => {
                choose(action);
              }}
            >
              {t(`eventLife.${action}`)}
            </button>
          ))}
        </div>
      )}
      {form !== null && (
        <EventChangeForm
          key={form}
          event={event}
          action={form}
          onDone={() => {
            setForm(null);
            setMessage(t('eventLife.saved'));
          }}
          onClose={() => {
            setForm(null);
          }}
        />
      )}
      {message && <p role="status">{message}</p>}
      <EventHistory event={event} />
    </section>
  );
}

function readOnlyReason(event: EventDoc, me: string): string {
  return event.personId === me && event.classIds.length === 1
    ? 'eventLife.substituteOnly'
    : 'eventLife.sharedOnlyAdmin';
}
