/**
 * A device for sync tests: Homeroom's own store and sync client, talking to an in-process server
 * through a network that can cut any request before it reaches the server or after the server
 * has answered.
 */
import { createDataKey } from '../../crypto/keys';
import { Repository } from '../../store/repository';
import { UserDb } from '../../store/userDb';
import { CouchApi, type FetchLike } from '../couchApi';
import { SyncClient, type SyncSnapshot } from '../syncClient';
import type { SchoolServer } from './schoolServer';

export type Fault = 'none' | 'before' | 'after';

let opened = 0;

export class Device {
  readonly repo: Repository;
  readonly client: SyncClient;
  /** Every status the sync client reported, in order. */
  readonly snapshots: SyncSnapshot[] = [];
  private requests = 0;
  private cutAt = -1;
  private cutMode: Fault = 'none';
  /** While true, no request reaches the server: the network is down or the server is away. */
  down = false;

  private constructor(
    readonly name: string,
    private readonly server: SchoolServer,
    private readonly db: UserDb,
    key: CryptoKey,
    private readonly cookie: string,
    readonly personId: string,
  ) {
    this.repo = new Repository(db, key);
    this.client = new SyncClient({
      api: new CouchApi(this.fetch),
      repo: this.repo,
      db: 'demo',
      checkpointKey: `checkpoint:${name}`,
      batchSize: 7,
      longpollMs: 300,
      onDocs: () => undefined,
      onSnapshot: (snapshot) => this.snapshots.push(snapshot),
    });
  }

  static async open(name: string, server: SchoolServer, login: string): Promise<Device> {
    const db = new UserDb(`convergence-${++opened}-${name}`);
    const { key } = await createDataKey('test', 1000);
    const cookie = server.sessionCookie(login);
    return new Device(name, server, db, key, cookie, server.account(login).personId);
  }

  /** The next sync cuts its `at`-th request (0-based) the given way; then the network heals. */
  cut(mode: Fault, at: number): void {
    this.cutMode = mode;
    this.cutAt = this.requests + at;
  }

  heal(): void {
    this.cutMode = 'none';
  }

  /** One sync cycle; a cut request makes it fail as a dropped connection does. */
  async sync(): Promise<boolean> {
    try {
      await this.client.syncOnce();
      return true;
    } catch {
      return false;
    } finally {
      this.heal();
    }
  }

  private readonly fetch: FetchLike = async (input, init) => {
    const index = this.requests++;
    const cut = this.cutMode !== 'none' && index === this.cutAt ? this.cutMode : 'none';
    if (cut === 'before' || this.down) throw new TypeError('network is down');
    const url = new URL(input, 'http://localhost');
    const response = await this.server.app.inject({
      method: (init?.method ?? 'GET') as 'GET',
      url: url.pathname + url.search,
      headers: { cookie: this.cookie, 'content-type': 'application/json' },
      ...(typeof init?.body === 'string' ? { payload: init.body } : {}),
    });
    // The server did the work; the answer is lost on the way back.
    if (cut === 'after') throw new TypeError('connection reset');
    return new Response(response.body === '' ? null : response.body, {
      status: response.statusCode,
      headers: { 'content-type': response.headers['content-type'] ?? 'application/json' },
    });
  };

  async close(): Promise<void> {
    this.db.close();
    await this.db.delete();
  }
}
