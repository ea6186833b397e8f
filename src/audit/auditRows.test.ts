import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../sync/couchApi';
import { formatMoment, newestFirst, roleKeys } from './auditRows';

const entry = (at: string): AuditEntry => ({
  at,
  personId: 'p',
  name: null,
  role: 'staff',
  device: null,
  docId: 'd',
  docType: 'attendance',
  action: 'read',
});

describe('the access log', () => {
  it('lists the newest first', () => {
    const rows = newestFirst([
      entry('2026-12-01T08:00:00.000Z'),
      entry('2026-12-07T05:15:00.000Z'),
      entry('2026-11-30T10:00:00.000Z'),
    ]);
    expect(rows.map((row) => row.at.slice(0, 10))).toEqual([
      '2026-12-07',
      '2026-12-01',
      '2026-11-30',
    ]);
  });

  it('names roles in words, the administration before staff', () => {
    expect(roleKeys('admin,staff')).toEqual(['auditRole.admin']);
    expect(roleKeys('guardian')).toEqual(['auditRole.guardian']);
    expect(roleKeys('staff,guardian')).toEqual(['auditRole.staff', 'auditRole.guardian']);
    expect(roleKeys('robot')).toEqual([]);
  });

  it('shows the moment in the school’s time zone', () => {
    expect(formatMoment('2026-12-07T05:15:00.000Z', 'ru', 'Europe/Moscow')).toContain('08:15');
    expect(formatMoment('2026-12-07T05:15:00.000Z', 'ru', 'Asia/Vladivostok')).toContain('15:15');
  });
});
