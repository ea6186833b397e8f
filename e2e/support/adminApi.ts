/** The school administration acting over the API, beside the devices under test. */
import type { APIRequestContext } from '@playwright/test';
import { DIRECTOR, PASSWORD } from './fixture';

export interface Doc {
  _id: string;
  _rev: string;
  type: string;
  pupilId?: string;
  personId?: string;
  classIds: string[];
  body: Record<string, unknown>;
  [field: string]: unknown;
}

export class AdminApi {
  constructor(private readonly request: APIRequestContext) {}

  async logIn(): Promise<void> {
    const response = await this.request.post('/couch/_session', {
      data: { name: DIRECTOR, password: PASSWORD },
    });
    if (!response.ok()) throw new Error(`director login: ${response.status()}`);
  }

  async docs(): Promise<Doc[]> {
    const response = await this.request.get('/couch/demo/_changes?include_docs=true');
    const body = (await response.json()) as { results: { doc?: Doc }[] };
    return body.results.flatMap((row) => (row.doc ? [row.doc] : []));
  }

  async write(docs: object[]): Promise<void> {
    const response = await this.request.post('/couch/demo/_bulk_docs', { data: { docs } });
    const results = (await response.json()) as { ok?: boolean; reason?: string }[];
    const failed = results.find((result) => !result.ok);
    if (failed) throw new Error(`write refused: ${failed.reason ?? 'unknown'}`);
  }

  async devices(): Promise<{ deviceId: string; name: string | null }[]> {
    const response = await this.request.get('/couch/_homeroom/devices');
    return ((await response.json()) as { devices: { deviceId: string; name: string | null }[] })
      .devices;
  }

  async block(deviceId: string): Promise<void> {
    const response = await this.request.post(`/couch/_homeroom/devices/${deviceId}/block`);
    if (!response.ok()) throw new Error(`block: ${response.status()}`);
  }
}
