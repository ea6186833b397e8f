/**
 * Store actions of the event's life: a change, a new event, an imported plan. Each goes through
 * the store (encrypted row and outbox in one transaction), so it works offline and syncs later.
 */
import {
  applyChange,
  createdChange,
  type Actor,
  type EventDoc,
  type LifeError,
  type LifeRequest,
} from '../domain/eventLife';
import { readTable } from '../domain/import/readTable';
import { planFromTable } from '../domain/import/plan';
import {
  planEventsImport,
  type PlanEventsImport,
  type PlanImportContext,
} from '../domain/import/planEvents';
import type { Docs } from '../domain/queries';
import { saveDocs, stamp } from '../store/writes';

/** A change the event's present state or the request's fields do not allow. */
export class EventChangeError extends Error {
  constructor(readonly code: LifeError) {
    super(`the event cannot be changed: ${code}`);
    this.name = 'EventChangeError';
  }
}

export async function changeEvent(
  event: EventDoc,
  request: LifeRequest,
  actor: Actor,
): Promise<void> {
  const result = applyChange(event, request, actor);
  if (!result.ok) throw new EventChangeError(result.error);
  await saveDocs([stamp(result.event)]);
}

export interface NewEvent {
  /** One class, several, or none for the whole school. */
  classIds: string[];
  title: string;
  date: string;
  start?: string | undefined;
  end?: string | undefined;
  place?: string | undefined;
}

/** An event added by hand: by a class teacher for their class, or by the administration. */
export async function addEvent(input: NewEvent, actor: Actor): Promise<void> {
  const eventId = crypto.randomUUID();
  const optional = (['start', 'end', 'place'] as const).flatMap((field) => {
    const value = input[field]?.trim();
    return value ? [[field, value] as const] : [];
  });
  const event: EventDoc = stamp({
    _id: `event:${eventId}`,
    type: 'event',
    schoolId: '',
    classIds: input.classIds,
    eventId,
    audience: input.classIds.length === 0 ? 'school' : 'class-families',
    date: input.date,
    updatedAt: '',
    updatedBy: '',
    body: {
      title: input.title.trim(),
      ...Object.fromEntries(optional),
      status: 'planned',
      changes: [createdChange(actor)],
    },
  });
  await saveDocs([event]);
}

/** Reads a plan file (CSV or XLSX) and plans its import against the calendar; writes nothing. */
export async function readPlanFile(
  file: File,
  docs: Docs,
  ctx: PlanImportContext,
): Promise<PlanEventsImport> {
  const table = await readTable(new Uint8Array(await file.arrayBuffer()));
  return planEventsImport(docs, planFromTable(table), ctx);
}

export async function savePlanImport(planned: PlanEventsImport): Promise<void> {
  await saveDocs(planned.writes.map((event) => stamp(event)));
}
