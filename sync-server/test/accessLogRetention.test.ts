/**
 * The access log keeps an entry for HOMEROOM_ACCESS_LOG_DAYS (two school years unless set), then
 * removes it: entries about pupils and about documents alike, and only the old ones.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AuditLog, type AuditEntry } from '../src/audit/auditLog';
import { readConfig } from '../src/config';

function entry(key: string, at: string, counter: number): AuditEntry {
  return {
    _id: `${key}:${at}:${String(counter).padStart(6, '0')}`,
    at,
    accountId: 'account:t',
    personId: 't',
    roles: ['teacher'],
    device: 'tablet',
    docId: key.startsWith('d:') ? key.slice(2) : 'att:e:p1',
    docType: 'attendance',
    action: 'read',
  };
}

describe('access-log retention', () => {
  it('removes the entries made before the limit and keeps the rest', async () => {
    const log = await AuditLog.open(mkdtempSync(path.join(tmpdir(), 'homeroom-log-')));
    try {
      await log.append([
        entry('p:p1', '2024-09-02T08:15:00.000Z', 1),
        entry('p:p1', '2026-09-02T08:15:00.000Z', 2),
        entry('d:note:a:b', '2024-01-01T00:00:00.000Z', 3),
        entry('d:note:a:b', '2026-12-01T00:00:00.000Z', 4),
        entry('p:p2', '2024-12-03T23:59:59.999Z', 5),
      ]);
      expect(await log.prune(new Date('2024-12-04T00:00:00.000Z'))).toBe(3);
      expect((await log.forPupil('p1', 10)).map((kept) => kept.at)).toEqual([
        '2026-09-02T08:15:00.000Z',
      ]);
      expect(await log.forPupil('p2', 10)).toEqual([]);
      expect(await log.prune(new Date('2024-12-04T00:00:00.000Z'))).toBe(0);
    } finally {
      await log.close();
    }
  });

  it('keeps two school years unless set; a bad setting says what to write', () => {
    expect(readConfig({}, []).accessLogDays).toBe(730);
    expect(readConfig({ HOMEROOM_ACCESS_LOG_DAYS: '0' }, []).accessLogDays).toBe(0);
    expect(() => readConfig({ HOMEROOM_ACCESS_LOG_DAYS: 'год' }, [])).toThrow(
      /HOMEROOM_ACCESS_LOG_DAYS must be a whole number of days/,
    );
  });
});
