/**
 * Serves src/testing/storeHarness.ts, bundled with esbuild, on a loopback port: a page where the
 * benchmarks and the crypto e2e test drive the app's own store code in a real browser. Other
 * harness modules are bundled here too and served by whoever needs them (bench/firstSync.ts).
 * `http://127.0.0.1` is a secure context, so WebCrypto works there.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { build } from 'esbuild';

const TESTING = path.resolve(import.meta.dirname, '..', 'src', 'testing');
const STORE_HARNESS = 'storeHarness.ts';

/** The harness page: it loads `/harness.js`, which sets `globalThis.harness`. */
export const HARNESS_PAGE =
  '<!doctype html><html lang="en"><meta charset="utf-8"><title>Homeroom harness</title>' +
  '<script type="module" src="/harness.js"></script></html>';

export interface HarnessServer {
  url: string;
  close(): Promise<void>;
}

/** A harness module of src/testing (e.g. `syncHarness.ts`) bundled for the browser. */
export async function bundleHarness(file: string): Promise<string> {
  const bundle = await build({
    entryPoints: [path.join(TESTING, file)],
    bundle: true,
    write: false,
    format: 'esm',
    target: 'es2022',
    platform: 'browser',
    minify: true,
    logLevel: 'silent',
  });
  const script = bundle.outputFiles[0]?.text;
  if (!script) throw new Error(`esbuild produced nothing for src/testing/${file}`);
  return script;
}

export async function startHarness(): Promise<HarnessServer> {
  const script = await bundleHarness(STORE_HARNESS);
  const server = http.createServer((request, response) => {
    const isScript = request.url === '/harness.js';
    response.writeHead(200, {
      'content-type': isScript ? 'text/javascript' : 'text/html; charset=utf-8',
      'cache-control': 'no-store',
    });
    response.end(isScript ? script : HARNESS_PAGE);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
      }),
  };
}

/** Calls `harness[name](...args)` in the page and returns its result. */
export function callHarness<T>(
  page: { evaluate<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R> },
  name: string,
  ...args: unknown[]
): Promise<T> {
  return page.evaluate(
    async ([fn, params]) => {
      const harness = (
        globalThis as unknown as {
          harness: Record<string, (...inner: unknown[]) => Promise<unknown>>;
        }
      ).harness;
      return (await harness[fn]!(...params)) as T;
    },
    [name, args] as [string, unknown[]],
  );
}
