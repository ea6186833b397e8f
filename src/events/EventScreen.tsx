import type { EventDoc } from '../domain/eventLife';
import { RollCall } from '../roll-call/RollCall';
import { useDocs } from '../store/hooks';
import { EventLifePanel } from './EventLifePanel';

/**
 * An event's screen: its roll call, with the event's life (state, changes, history) in the roll
 * call's records view, so the roll itself stays one screen. A cancelled event takes no roll.
 */
export function EventScreen({ eventId, editable }: { eventId: string; editable: boolean }) {
  const docs = useDocs();
  const event = docs.get(eventId) as EventDoc | undefined;
  const cancelled = event?.body.status === 'cancelled';
  return (
    <RollCall
      eventId={eventId}
      editable={editable && !cancelled}
      records={event && <EventLifePanel event={event} />}
    />
  );
}
