/**
 * The one registry of error codes, shared by the server and the client. Every error response keeps
 * CouchDB's `error` and `reason` fields, so PouchDB understands it; the UI maps `error` to text
 * that tells a teacher what to do.
 */
export const ERRORS = {
  bad_request: { status: 400, summary: 'the request is malformed' },
  invalid_json: { status: 400, summary: 'the body is not valid JSON' },
  invalid_doc: { status: 400, summary: 'a document does not match its schema' },
  unauthorized: { status: 401, summary: 'log in first, or the login or password is wrong' },
  forbidden: { status: 403, summary: 'your role may not do this' },
  device_blocked: { status: 403, summary: 'this device was blocked by the administration' },
  not_found: { status: 404, summary: 'no such document, database or route' },
  method_not_allowed: { status: 405, summary: 'this route does not take that method' },
  conflict: { status: 409, summary: 'the document was changed since the revision you sent' },
  file_exists: { status: 412, summary: 'the database already exists' },
  too_large: { status: 413, summary: 'the request is too large' },
  login_locked: { status: 429, summary: 'too many failed logins; wait and try again' },
  too_many_requests: { status: 429, summary: 'too many requests from this device; wait a moment' },
  internal: { status: 500, summary: 'the server failed; nothing was stored' },
} as const;

export type ErrorCode = keyof typeof ERRORS;

/** A CouchDB-shaped error body. */
export interface CouchError {
  error: ErrorCode;
  reason: string;
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && value in ERRORS;
}
