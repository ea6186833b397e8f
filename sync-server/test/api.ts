/** The requests the server's tests make again and again, as a signed-in user of the demo school. */
import type { FastifyInstance } from 'fastify';
import type { HomeroomDoc } from '../../src/domain/envelope';
import { applyChange, type EventDoc, type LifeRequest } from '../../src/domain/eventLife';

export interface FeedRow {
  id: string;
  seq: string;
  removed?: true;
  doc?: HomeroomDoc;
}

export interface WriteAnswer {
  id: string;
  ok?: boolean;
  rev?: string;
  error?: string;
  reason?: string;
}

/** The user's changes feed with its documents, from `since` or the start. */
export async function feedOf(app: FastifyInstance, cookie: string, since?: string) {
  const response = await app.inject({
    url: `/couch/demo/_changes?include_docs=true${since ? `&since=${since}` : ''}`,
    headers: { cookie },
  });
  return response.json<{ results: FeedRow[]; last_seq: string }>();
}

/** `_bulk_docs`, one answer a document. */
export async function bulkDocs(
  app: FastifyInstance,
  cookie: string,
  docs: object[],
): Promise<WriteAnswer[]> {
  const response = await app.inject({
    method: 'POST',
    url: '/couch/demo/_bulk_docs',
    headers: { cookie },
    payload: { docs },
  });
  return response.json<WriteAnswer[]>();
}

/** One document as the user reads it. */
export async function docOf<T = HomeroomDoc>(
  app: FastifyInstance,
  cookie: string,
  id: string,
): Promise<T> {
  const response = await app.inject({
    url: `/couch/demo/${encodeURIComponent(id)}`,
    headers: { cookie },
  });
  return response.json<T>();
}

/** The event after a change of its life, made as the app makes it. */
export function changedEvent(
  event: EventDoc,
  request: LifeRequest,
  by: string,
  at: string,
): EventDoc {
  const result = applyChange(event, request, { personId: by, at });
  if (!result.ok) throw new Error(result.error);
  return result.event;
}
