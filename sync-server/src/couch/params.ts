/** Query parameters as CouchDB reads them: booleans, integers and JSON values. */
import { HttpError } from './httpError';

type Query = Record<string, string | undefined>;

export function boolParam(query: Query, name: string): boolean {
  return query[name] === 'true';
}

export function intParam(query: Query, name: string): number | undefined {
  const text = query[name];
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0) {
    throw new HttpError('bad_request', `\`${name}\` must be a whole number, not «${text}».`);
  }
  return value;
}

export function jsonParam(query: Query, name: string): unknown {
  const text = query[name];
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HttpError('bad_request', `\`${name}\` must be JSON, as CouchDB expects.`);
  }
}
