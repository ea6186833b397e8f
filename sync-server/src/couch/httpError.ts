/** Errors as CouchDB shapes them, with codes from the shared registry. */
import type { FastifyReply } from 'fastify';
import { ERRORS, type CouchError, type ErrorCode } from '../../../src/domain/errors';

export class HttpError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly reason: string,
    /** Sent as `Retry-After` with a refusal that a wait will lift. */
    readonly retryAfterSeconds?: number,
  ) {
    super(`${code}: ${reason}`);
  }

  get status(): number {
    return ERRORS[this.code].status;
  }

  get body(): CouchError {
    return { error: this.code, reason: this.reason };
  }
}

export function sendError(reply: FastifyReply, code: ErrorCode, reason: string): FastifyReply {
  return reply.code(ERRORS[code].status).send({ error: code, reason } satisfies CouchError);
}

/** The answer to a document the user may not read: exactly as if it did not exist. */
export function notFound(): HttpError {
  return new HttpError('not_found', 'missing');
}
