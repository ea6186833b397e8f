/** The built app is served beside the API: screens get the shell, a missing script a plain 404. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './testServer';

let server: TestServer;
beforeAll(async () => {
  const dist = mkdtempSync(path.join(tmpdir(), 'homeroom-dist-'));
  mkdirSync(path.join(dist, 'assets'));
  writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>Homeroom</title>');
  writeFileSync(path.join(dist, 'assets', 'index-abc123.js'), 'export {};');
  writeFileSync(path.join(dist, 'sw.js'), 'self.addEventListener("fetch", () => {});');
  server = await startTestServer({ staticDir: dist });
});
afterAll(async () => {
  await server.close();
});

describe('serving the PWA', () => {
  it('answers the shell for the root and for screens, revalidated on every load', async () => {
    for (const url of ['/', '/class/10b', '/guardian']) {
      const response = await server.app.inject({ url });
      expect(response.statusCode, url).toBe(200);
      expect(response.body).toContain('<title>Homeroom</title>');
      expect(response.headers['cache-control']).toBe('no-cache');
    }
  });

  it('serves hashed assets as immutable and the service worker as no-cache', async () => {
    const asset = await server.app.inject({ url: '/assets/index-abc123.js' });
    expect(asset.headers['cache-control']).toContain('immutable');
    const worker = await server.app.inject({ url: '/sw.js' });
    expect(worker.headers['cache-control']).toBe('no-cache');
  });

  it('answers 404, never the HTML shell, for a script that is gone after a deploy', async () => {
    const response = await server.app.inject({ url: '/assets/index-old999.js' });
    expect(response.statusCode).toBe(404);
    expect(response.body).not.toContain('<title>');
  });

  it('marks every API response no-store and sends the security headers', async () => {
    const response = await server.app.inject({ url: '/couch/' });
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    const unknown = await server.app.inject({ url: '/couch/demo/_nothing/here' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ error: 'not_found' });
  });
});
