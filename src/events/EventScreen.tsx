import type { EventDoc } from '../domain/eventLife';
import { RollCall } from '../roll-call/RollCall';
import { useDocs } from '../store/hooks';
import { EventLifePanel } from './EventLifePanel';

/**
 * An event's screen: its roll call, then its life (state, changes, history). A cancelled event
 * takes no roll.
 */
export function EventScreen({ eventId, editable }: { eventId: string; editable: boolean }) {
  const docs = useDocs();
  const event = docs.get(eventId) as EventDoc | undefined;
  const cancelled = event?.body.status === 'cancelled';
  return (
    <>
      <RollCall eventId={eventId} editable={editable && !cancelled} />
      {event && <EventLifePanel event={event} />}
    </>
  );
}
