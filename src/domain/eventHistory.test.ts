import { describe, expect, it } from 'vitest';
import { checkHistory, checkLeaderChange, MAX_ADDED_CHANGES } from './eventHistory';
import { appendChange, applyChange, mergeEventBodies, type EventDoc } from './eventLife';
import { MAX_EVENT_CHANGES, type EventChange } from './schemas';

const NOW = Date.parse('2026-12-10T12:00:00.000Z');
const entry = (action: EventChange['action'], at: string, by = 'teacher'): EventChange => ({
  action,
  at: `2026-12-${at}T08:00:00.000Z`,
  by,
});

function event(changes: EventChange[]): EventDoc {
  return {
    _id: 'event:e1',
    type: 'event',
    schoolId: 's',
    classIds: ['c'],
    eventId: 'e1',
    audience: 'class-families',
    date: '2026-12-14',
    updatedAt: '2026-12-01T08:00:00.000Z',
    updatedBy: 'teacher',
    body: { title: 'Экскурсия', start: '10:00', status: 'planned', changes },
  };
}

const check = (previous: EventDoc | undefined, next: EventDoc, writer = 'teacher') =>
  checkHistory(previous, next, writer, NOW);

describe('checkHistory', () => {
  const stored = event([entry('created', '01')]);
  const actor = { personId: 'teacher', at: '2026-12-10T09:00:00.000Z' };

  it("passes the app's changes: a move, a cancellation, a restore", () => {
    for (const request of [
      { action: 'moved', reason: 'музей', toDate: '2026-12-21' },
      { action: 'cancelled', reason: 'карантин' },
      { action: 'substituted', reason: 'болезнь', substitute: { personId: 'p', name: 'П.' } },
    ] as const) {
      const changed = applyChange(stored, request, actor);
      if (!changed.ok) throw new Error(changed.error);
      expect(check(stored, changed.event)).toBeUndefined();
    }
  });

  it('passes a history joined with another device by date', () => {
    const server = event([entry('created', '01'), entry('edited', '09', 'director')]);
    const local = event([entry('created', '01'), entry('edited', '05')]);
    const merged = { ...local, body: mergeEventBodies(local.body, server.body) };
    expect(merged.body.changes?.map((change) => change.at.slice(8, 10))).toEqual([
      '01',
      '05',
      '09',
    ]);
    expect(check(server, merged)).toBeUndefined();
  });

  it('passes a full history trimmed as appendChange trims it', () => {
    const full = Array.from({ length: MAX_EVENT_CHANGES }, (_, index) => ({
      ...entry('edited', '01'),
      at: new Date(NOW - (200 - index) * 60_000).toISOString(),
    }));
    const before = event(full);
    const after = event(appendChange(full, entry('edited', '10')));
    expect(after.body.changes).toHaveLength(MAX_EVENT_CHANGES);
    expect(check(before, after)).toBeUndefined();
  });

  it('refuses a lost, changed or reordered entry', () => {
    const two = event([entry('created', '01'), entry('edited', '02')]);
    expect(check(two, event([entry('created', '01')]))).toContain('keeps every earlier entry');
    const changed = { ...entry('edited', '02'), byName: 'Директор' };
    expect(check(two, event([entry('created', '01'), changed]))).toContain('keeps every');
    expect(check(two, event([entry('edited', '02'), entry('created', '01')]))).toContain(
      'in their order',
    );
  });

  it("refuses someone else's or a future entry, and an unrecorded change", () => {
    const forged = event([entry('created', '01'), entry('edited', '02', 'director')]);
    expect(check(stored, forged)).toContain('must be your own');
    const future = event([
      entry('created', '01'),
      { ...entry('edited', '01'), at: '2027-06-01T00:00:00.000Z' },
    ]);
    expect(check(stored, future)).toContain('in the future');
    const cancelled = { ...stored, body: { ...stored.body, status: 'cancelled' as const } };
    expect(check(stored, cancelled)).toContain('"cancelled" entry');
    expect(check(stored, { ...stored, date: '2026-12-21' })).toContain('"moved"');
    const handedOver = {
      ...stored,
      body: { ...stored.body, substitute: { personId: 'p', name: 'П.' } },
    };
    expect(check(stored, handedOver)).toContain('"substituted"');
    expect(check(undefined, forged)).toContain('must be your own');
  });
});

describe('checkLeaderChange', () => {
  /** The event is on 14 December. */
  const DAY = '2026-12-14';
  const led: EventDoc = { ...event([entry('created', '01')]), personId: 'sub' };
  const sub = { personId: 'sub', at: '2026-12-14T09:00:00.000Z' };
  const changed = (request: Parameters<typeof applyChange>[1], from = led) => {
    const result = applyChange(from, request, sub);
    if (!result.ok) throw new Error(result.error);
    return result.event;
  };

  it('lets the substitute mark the event held', () => {
    expect(checkLeaderChange(led, changed({ action: 'held' }), DAY)).toBeUndefined();
  });

  it('refuses any other change, a new event and a deletion', () => {
    const held = changed({ action: 'held' });
    for (const next of [
      changed({ action: 'cancelled', reason: 'x' }),
      changed({ action: 'moved', reason: 'x', toDate: '2026-12-15' }),
      changed({ action: 'edited', fields: { title: 'Другое' } }),
      { ...held, body: { ...held.body, place: 'Кабинет 5' } },
      { ...held, audience: 'staff' as const },
      { ...held, personId: 'someone' },
      { ...held, _deleted: true },
    ]) {
      expect(checkLeaderChange(led, next, DAY)).toMatch(/substitute/);
    }
    expect(checkLeaderChange(undefined, led, DAY)).toMatch(/substitute/);
    expect(
      checkLeaderChange(held, changed({ action: 'restored', reason: 'x' }, held), DAY),
    ).toMatch(/substitute/);
  });

  it('refuses a held entry dated before the handover, two entries, and held before the day', () => {
    const handed: EventDoc = {
      ...led,
      body: {
        ...led.body,
        changes: [...(led.body.changes ?? []), entry('substituted', '12', 'teacher')],
      },
    };
    const early = { ...sub, at: '2026-12-11T09:00:00.000Z' };
    const backdated = applyChange(handed, { action: 'held' }, early);
    if (!backdated.ok) throw new Error(backdated.error);
    expect(checkLeaderChange(handed, backdated.event, DAY)).toMatch(/after it was handed over/);

    const held = changed({ action: 'held' }, handed);
    const twice = {
      ...held,
      body: { ...held.body, changes: [...(held.body.changes ?? []), entry('held', '14', 'sub')] },
    };
    expect(checkLeaderChange(handed, twice, DAY)).toMatch(/substitute/);
    expect(checkLeaderChange(handed, held, '2026-12-13')).toMatch(/from its day on/);
  });
});

describe('trimming the history', () => {
  const entries = (count: number, day = '02') =>
    Array.from({ length: count }, (_, i) => ({
      ...entry('edited', day),
      at: `2026-12-${day}T08:${String(i % 60).padStart(2, '0')}:${String(Math.floor(i / 60)).padStart(2, '0')}.000Z`,
    }));
  const first = entry('created', '01');

  it('drops only as many of the oldest as the added entries overflow the limit by', () => {
    const full = event([first, ...entries(MAX_EVENT_CHANGES - 1)]);
    const appended = event(appendChange(full.body.changes ?? [], entry('held', '09')));
    expect(appended.body.changes).toHaveLength(MAX_EVENT_CHANGES);
    expect(check(full, appended)).toBeUndefined();
  });

  it('refuses a short history replaced by a full list of new entries', () => {
    const short = event([first, entry('cancelled', '02'), entry('restored', '03')]);
    const flooded = event([first, ...entries(MAX_EVENT_CHANGES - 1, '09')]);
    expect(check(short, flooded)).toMatch(/at most 20 new entries/);
    // Within the cap, the earlier entries stay: nothing overflows, so nothing may be dropped.
    const some = event([first, ...entries(MAX_ADDED_CHANGES, '09')]);
    expect(check(short, some)).toMatch(/keeps every earlier entry/);
  });
});

describe('copies of entries', () => {
  it('an entry twice is refused, so copies neither pad the list nor pass as nothing new', () => {
    const stored = event([
      entry('created', '01'),
      entry('cancelled', '02'),
      entry('restored', '03'),
    ]);
    const padded = event([...(stored.body.changes ?? []), entry('restored', '03')]);
    expect(check(stored, padded)).toMatch(/appears twice/);
  });
});
