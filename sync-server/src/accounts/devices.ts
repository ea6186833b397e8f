/**
 * The devices that use the school's server, as each request names them (`X-Homeroom-Device`, a
 * random id the app keeps per user and device). The administration can block a lost device: its
 * every request is then refused with `device_blocked`, and the app wipes its local data on that
 * answer.
 */
import type { Database } from 'pouchdb';

export const DEVICE_HEADER = 'x-homeroom-device';
const DEVICE_ID = /^[A-Za-z0-9_-]{16,64}$/;
/** How often a device's last contact is written down, at most. */
const SEEN_WRITE_MS = 60_000;

export interface DeviceRecord {
  _id: string;
  _rev?: string;
  deviceId: string;
  /** Accounts that used the device, by account id. */
  accounts: string[];
  firstSeen: string;
  lastSeen: string;
  blocked?: { at: string; by: string };
}

/** The device id a request names, or undefined when it names none or a malformed one. */
export function deviceIdOf(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  return value && DEVICE_ID.test(value) ? value : undefined;
}

export class Devices {
  private readonly records = new Map<string, DeviceRecord>();
  private readonly written = new Map<string, number>();

  private constructor(private readonly db: Database<DeviceRecord>) {}

  static async open(db: Database<DeviceRecord>): Promise<Devices> {
    const devices = new Devices(db);
    const all = await db.allDocs({ include_docs: true });
    for (const row of all.rows) if (row.doc) devices.records.set(row.doc.deviceId, row.doc);
    return devices;
  }

  isBlocked(deviceId: string | undefined): boolean {
    return deviceId !== undefined && this.records.get(deviceId)?.blocked !== undefined;
  }

  /** Notes that an account used a device now; written down at most once a minute per device. */
  async seen(deviceId: string, accountId: string): Promise<void> {
    const now = new Date();
    const known = this.records.get(deviceId);
    const newAccount = !known?.accounts.includes(accountId);
    const lastWrite = this.written.get(deviceId) ?? 0;
    if (known && !newAccount && now.getTime() - lastWrite < SEEN_WRITE_MS) return;

    const record: DeviceRecord = known
      ? {
          ...known,
          accounts: newAccount ? [...known.accounts, accountId] : known.accounts,
          lastSeen: now.toISOString(),
        }
      : {
          _id: `device:${deviceId}`,
          deviceId,
          accounts: [accountId],
          firstSeen: now.toISOString(),
          lastSeen: now.toISOString(),
        };
    this.written.set(deviceId, now.getTime());
    await this.save(record);
  }

  async block(deviceId: string, byPersonId: string): Promise<boolean> {
    const known = this.records.get(deviceId);
    if (!known) return false;
    await this.save({ ...known, blocked: { at: new Date().toISOString(), by: byPersonId } });
    return true;
  }

  list(): DeviceRecord[] {
    return [...this.records.values()].sort((a, b) => (a.lastSeen < b.lastSeen ? 1 : -1));
  }

  private async save(record: DeviceRecord): Promise<void> {
    this.records.set(record.deviceId, record);
    const result = await this.db.put(record);
    this.records.set(record.deviceId, { ...record, _rev: result.rev });
  }
}
