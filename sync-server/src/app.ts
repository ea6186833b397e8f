/**
 * The HTTP application: the CouchDB-compatible API under /couch/ and the built PWA. Built apart
 * from listening, so tests drive it in-process with `app.inject`.
 */
import fs from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { ERRORS } from '../../src/domain/errors';
import type { Accounts } from './accounts/accounts';
import type { Devices } from './accounts/devices';
import { RateLimit } from './accounts/rateLimit';
import type { AuditLog } from './audit/auditLog';
import { registerAdminRoutes } from './couch/adminRoutes';
import { LoginThrottle } from './accounts/loginThrottle';
import { SessionSigner } from './accounts/sessions';
import { Authenticator } from './couch/auth';
import { Contexts } from './couch/context';
import { HttpError, sendError } from './couch/httpError';
import { registerImportRoutes } from './couch/importRoutes';
import { registerLocalRoutes } from './couch/localRoutes';
import { registerPasswordRoutes } from './couch/passwordRoutes';
import { registerReadRoutes } from './couch/readRoutes';
import { registerServerRoutes } from './couch/serverRoutes';
import { registerSessionRoutes } from './couch/sessionRoutes';
import { registerWriteRoutes } from './couch/writeRoutes';
import type { SchoolStore } from './storage/schoolStore';

/** A request body larger than this is refused with 413 before it is parsed. */
export const MAX_BODY_BYTES = 8 * 1024 * 1024;

/** No Homeroom document nests this deep; deeper JSON only serves to exhaust the stack. */
export const MAX_JSON_DEPTH = 32;

/** The nesting depth of a parsed JSON value, without recursion. */
function depthOf(value: unknown): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 1]];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const [item, depth] = next;
    if (item === null || typeof item !== 'object') continue;
    deepest = Math.max(deepest, depth);
    if (deepest > MAX_JSON_DEPTH) return deepest;
    for (const inner of Object.values(item)) stack.push([inner, depth + 1]);
  }
  return deepest;
}

export interface AppDeps {
  accounts: Accounts;
  devices: Devices;
  auditLog: AuditLog;
  schools: ReadonlyMap<string, SchoolStore>;
  secret: Buffer;
  serverUuid: string;
  demo: boolean;
  /** Folder of the built PWA; the API works without it. */
  staticDir?: string | undefined;
  logger?: FastifyServerOptions['logger'];
  https?: { cert: Buffer; key: Buffer } | undefined;
  trustProxy?: boolean;
  /** Requests per account: a burst, then a steady rate per second (see RateLimit). */
  rateLimit?: { burst: number; perSecond: number } | undefined;
}

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'content-security-policy':
    "default-src 'self'; img-src 'self' data: blob:; media-src 'self' blob:; " +
    "style-src 'self' 'unsafe-inline'; connect-src 'self'; worker-src 'self'; " +
    "object-src 'none'; base-uri 'self'; frame-ancestors 'none'",
};

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: deps.logger ?? false,
    bodyLimit: MAX_BODY_BYTES,
    // PouchDB asks for `/couch/db/` with a trailing slash.
    routerOptions: { ignoreTrailingSlash: true },
    trustProxy: deps.trustProxy ?? false,
    ...(deps.https ? { https: deps.https } : {}),
  } as FastifyServerOptions);

  // Every route the server answers, so a test can hold each one to an access test.
  const routes: { method: string; url: string }[] = [];
  app.decorate('homeroomRoutes', routes);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routes.push({ method, url: route.url });
  });

  await app.register(cookie);
  // CouchDB clients send `Content-Type: application/json` with an empty body on some requests.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = String(body);
    if (text.trim() === '') {
      done(null, undefined);
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      done(new HttpError('invalid_json', 'The request body is not valid JSON.'), undefined);
      return;
    }
    if (depthOf(parsed) > MAX_JSON_DEPTH) {
      done(
        new HttpError('bad_request', `JSON nested deeper than ${MAX_JSON_DEPTH} levels.`),
        undefined,
      );
      return;
    }
    done(null, parsed);
  });
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string' },
    (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    },
  );

  app.addHook('onSend', async (request, reply) => {
    void reply.headers(SECURITY_HEADERS);
    if (request.url.startsWith('/couch')) void reply.header('cache-control', 'no-store');
  });

  app.setErrorHandler((error, request, reply) => {
    if (error instanceof HttpError) {
      if (error.retryAfterSeconds)
        void reply.header('retry-after', String(error.retryAfterSeconds));
      return reply.code(error.status).send(error.body);
    }
    const fastifyError = error as {
      statusCode?: number;
      status?: number;
      code?: string;
      message?: string;
    };
    // PouchDB's own refusals (a malformed revision, a bad local document) are the client's fault.
    if (fastifyError.status === 400 || fastifyError.status === 412) {
      return sendError(reply, 'bad_request', fastifyError.message ?? ERRORS.bad_request.summary);
    }
    if (fastifyError.status === 409)
      return sendError(reply, 'conflict', 'Document update conflict.');
    if (fastifyError.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return sendError(reply, 'too_large', `Requests are limited to ${MAX_BODY_BYTES} bytes.`);
    }
    if (fastifyError.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return sendError(reply, 'bad_request', 'Send JSON (Content-Type: application/json).');
    }
    if (fastifyError.statusCode === 400) {
      return sendError(reply, 'bad_request', fastifyError.message ?? ERRORS.bad_request.summary);
    }
    request.log.error({ err: error }, 'request failed');
    return sendError(reply, 'internal', ERRORS.internal.summary);
  });

  const throttle = new LoginThrottle();
  const signer = new SessionSigner(deps.secret);
  const auth = new Authenticator({ accounts: deps.accounts, signer, throttle, demo: deps.demo });
  const contexts = new Contexts({
    auth,
    schools: deps.schools,
    devices: deps.devices,
    rateLimit: new RateLimit(deps.rateLimit?.burst, deps.rateLimit?.perSecond),
    auditLog: deps.auditLog,
  });

  registerSessionRoutes(app, auth, signer, deps.accounts, contexts);
  registerPasswordRoutes(app, auth, deps.accounts, contexts);
  registerServerRoutes(app, contexts, deps.serverUuid, [...deps.schools.keys()]);
  registerLocalRoutes(app, contexts);
  registerReadRoutes(app, contexts);
  registerWriteRoutes(app, contexts);
  registerAdminRoutes(app, contexts, {
    devices: deps.devices,
    accounts: deps.accounts,
    auditLog: deps.auditLog,
  });
  registerImportRoutes(app, contexts, { accounts: deps.accounts, secret: deps.secret });
  await registerPwa(app, deps.staticDir);
  return app;
}

/**
 * The built PWA. The shell and the service worker are revalidated on every load so updates are
 * seen; hashed assets are immutable. A missing script answers 404, never the app's HTML.
 */
async function registerPwa(app: FastifyInstance, staticDir: string | undefined): Promise<void> {
  const index = staticDir ? path.join(staticDir, 'index.html') : undefined;
  const hasPwa = index !== undefined && fs.existsSync(index);
  if (hasPwa) {
    await app.register(fastifyStatic, {
      root: staticDir,
      wildcard: false,
      index: false,
      setHeaders(res, filePath) {
        const immutable = filePath.includes(`${path.sep}assets${path.sep}`);
        void res.header(
          'cache-control',
          immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
  }

  app.setNotFoundHandler(async (request, reply) => {
    // A path without an extension is one of the app's screens; a missing file is a 404.
    const isPage =
      request.method === 'GET' &&
      !request.url.startsWith('/couch') &&
      !path.extname(request.url.split('?')[0] ?? '');
    if (hasPwa && isPage) {
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    }
    if (request.url.startsWith('/couch')) {
      return sendError(reply, 'not_found', 'No such route.');
    }
    return reply.code(404).type('text/plain').send('Not found');
  });
}

/** The routes an app built by {@link buildApp} answers. */
export function routesOf(app: FastifyInstance): { method: string; url: string }[] {
  return (app as unknown as { homeroomRoutes: { method: string; url: string }[] }).homeroomRoutes;
}
