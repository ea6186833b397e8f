import { describe, expect, it } from 'vitest';
import type { HomeroomDoc } from './envelope';
import {
  appendChange,
  applyChange,
  canChangeEvent,
  eventState,
  eventsForClass,
  eventsLedBy,
  familyEvents,
  leaderActions,
  mergeEventBodies,
  offeredActions,
  plannedWhen,
  rollCallClassIds,
  type Actor,
  type EventDoc,
  type LifeRequest,
  type LifeResult,
} from './eventLife';
import { MAX_EVENT_CHANGES, validateDoc, type EventChange } from './schemas';

const TEACHER: Actor = {
  personId: 'teacher',
  name: 'Арутюнян Г. Л.',
  at: '2026-12-04T09:00:00.000Z',
};
const LATER: Actor = { ...TEACHER, at: '2026-12-05T09:00:00.000Z' };

function event(overrides: Partial<EventDoc> = {}, body: Partial<EventDoc['body']> = {}): EventDoc {
  return {
    _id: 'event:e1',
    type: 'event',
    schoolId: 's1',
    classIds: ['c10b'],
    eventId: 'e1',
    audience: 'class-families',
    date: '2026-12-25',
    updatedAt: '2026-12-01T00:00:00.000Z',
    updatedBy: 'teacher',
    ...overrides,
    body: { title: 'Новогодний праздник', start: '11:00', status: 'planned', ...body },
  };
}

/** Applies a change that must succeed, and checks the result is a valid document. */
function applied(doc: EventDoc, request: LifeRequest, actor = TEACHER): EventDoc {
  const result = applyChange(doc, request, actor);
  if (!result.ok) throw new Error(`refused: ${result.error}`);
  const check = validateDoc(result.event);
  if (!check.ok) throw new Error(`invalid: ${check.reason}`);
  return result.event;
}

function refusal(result: LifeResult): string | undefined {
  return result.ok ? undefined : result.error;
}

describe('applyChange', () => {
  it('moves an event to another date and time, keeping where it was and why', () => {
    const moved = applied(event(), {
      action: 'moved',
      reason: 'Актовый зал занят',
      toDate: '2026-12-26',
      toStart: '12:00',
    });
    expect(moved.date).toBe('2026-12-26');
    expect(moved.body.start).toBe('12:00');
    expect(moved.body.status).toBe('planned');
    expect(moved.body.changes).toEqual([
      {
        action: 'moved',
        at: TEACHER.at,
        by: 'teacher',
        byName: 'Арутюнян Г. Л.',
        reason: 'Актовый зал занят',
        fromDate: '2026-12-25',
        toDate: '2026-12-26',
        fromStart: '11:00',
        toStart: '12:00',
      },
    ]);
    expect(eventState(moved).moved?.fromDate).toBe('2026-12-25');
  });

  it('a move without a time leaves the event without one', () => {
    const moved = applied(event(), { action: 'moved', reason: 'Перенос', toDate: '2026-12-27' });
    expect(moved.body.start).toBeUndefined();
    expect(moved.body.changes?.[0]?.toStart).toBeUndefined();
  });

  it.each<[string, LifeRequest, string]>([
    ['cancel without a reason', { action: 'cancelled', reason: '   ' }, 'reason_required'],
    [
      'move without a reason',
      { action: 'moved', reason: '', toDate: '2026-12-26' },
      'reason_required',
    ],
    [
      'substitute without a reason',
      {
        action: 'substituted',
        reason: '',
        substitute: { personId: 'sub', name: 'Воронина К. И.' },
      },
      'reason_required',
    ],
    [
      'move to a date that does not exist',
      { action: 'moved', reason: 'x', toDate: '2027-02-30' },
      'bad_date',
    ],
    [
      'move to a malformed time',
      { action: 'moved', reason: 'x', toDate: '2026-12-26', toStart: '25:00' },
      'bad_time',
    ],
    [
      'move to the same date and time',
      { action: 'moved', reason: 'x', toDate: '2026-12-25', toStart: '11:00' },
      'same_when',
    ],
    ['restore an event that is planned', { action: 'restored' }, 'not_restorable'],
    [
      'take back an event nobody substitutes',
      { action: 'substituted', reason: 'x', substitute: null },
      'no_substitute',
    ],
    ['edit to an empty title', { action: 'edited', fields: { title: ' ' } }, 'title_required'],
    [
      'edit that changes nothing',
      { action: 'edited', fields: { title: 'Новогодний праздник' } },
      'nothing_changed',
    ],
  ])('refuses to %s', (_name, request, error) => {
    expect(refusal(applyChange(event(), request, TEACHER))).toBe(error);
  });

  it('cancels with a reason, refuses to move or hold it then, and restores it', () => {
    const cancelled = applied(event(), { action: 'cancelled', reason: 'Карантин по гриппу' });
    expect(cancelled.body.status).toBe('cancelled');
    expect(eventState(cancelled).cancelled?.reason).toBe('Карантин по гриппу');
    expect(refusal(applyChange(cancelled, { action: 'held' }, LATER))).toBe('is_cancelled');
    expect(
      refusal(
        applyChange(cancelled, { action: 'moved', reason: 'x', toDate: '2027-01-20' }, LATER),
      ),
    ).toBe('is_cancelled');

    const restored = applied(cancelled, { action: 'restored', reason: 'Карантин отменён' }, LATER);
    expect(restored.body.status).toBe('planned');
    expect(eventState(restored).cancelled).toBeUndefined();
    expect(eventState(restored).restored?.reason).toBe('Карантин отменён');
    const again = applied(restored, { action: 'cancelled', reason: 'Снова карантин' }, LATER);
    expect(eventState(again).restored).toBeUndefined();
    expect(restored.body.changes?.map((change) => change.action)).toEqual([
      'cancelled',
      'restored',
    ]);
  });

  it('a held event is not moved or cancelled, but can be put back into the plan', () => {
    const held = applied(event({ date: '2026-12-04' }), { action: 'held' });
    expect(held.body.status).toBe('held');
    expect(refusal(applyChange(held, { action: 'cancelled', reason: 'x' }, LATER))).toBe('is_held');
    const unheld = applied(held, { action: 'restored' }, LATER);
    expect(unheld.body.status).toBe('planned');
    expect(eventState(unheld).restored).toBeUndefined();
  });

  it('hands the event to a substitute, who becomes its leader, and takes it back', () => {
    const led = event({ personId: 'teacher' });
    const substitute = { personId: 'sub', name: 'Воронина Ксения Игоревна' };
    const handed = applied(led, {
      action: 'substituted',
      reason: 'Курсы повышения квалификации',
      substitute,
    });
    expect(handed.personId).toBe('sub');
    expect(handed.body.substitute).toEqual(substitute);
    expect(handed.body.changes?.[0]).toMatchObject({ toPersonId: 'sub', toName: substitute.name });
    expect(
      refusal(applyChange(handed, { action: 'substituted', reason: 'x', substitute }, LATER)),
    ).toBe('same_substitute');

    const back = applied(
      handed,
      { action: 'substituted', reason: 'Вернулась с курсов', substitute: null },
      LATER,
    );
    expect(back.personId).toBeUndefined();
    expect(back.body.substitute).toBeUndefined();
    expect(back.body.changes?.[1]?.toPersonId).toBeUndefined();
  });

  it('edits what the event is, not when', () => {
    const edited = applied(event(), {
      action: 'edited',
      fields: { title: 'Новогодний праздник', place: 'Актовый зал', end: '12:30' },
    });
    expect(edited.body).toMatchObject({ place: 'Актовый зал', end: '12:30', start: '11:00' });
    expect(edited.date).toBe('2026-12-25');
    expect(edited.body.changes?.map((change) => change.action)).toEqual(['edited']);

    const emptied = applied(event({}, { participants: 'ученики', place: 'Актовый зал' }), {
      action: 'edited',
      fields: { title: 'Ёлка', place: '' },
    });
    expect(emptied.body).toMatchObject({ title: 'Ёлка', participants: 'ученики' });
    expect(emptied.body.place).toBeUndefined();
  });

  it('keeps the first entry and the latest ones when the history is full', () => {
    const created: EventChange = { action: 'created', at: TEACHER.at, by: 'teacher' };
    let changes: EventChange[] = [created];
    for (let i = 0; i < MAX_EVENT_CHANGES + 5; i++) {
      changes = appendChange(changes, {
        action: 'edited',
        at: `2026-12-05T10:${String(i % 60).padStart(2, '0')}:00.000Z`,
        by: String(i),
      });
    }
    expect(changes).toHaveLength(MAX_EVENT_CHANGES);
    expect(changes[0]).toEqual(created);
    expect(changes.at(-1)?.by).toBe(String(MAX_EVENT_CHANGES + 4));
  });
});

describe('the schema', () => {
  it('refuses a cancellation without a reason, whoever wrote it', () => {
    const doc = event(
      {},
      {
        status: 'cancelled',
        changes: [{ action: 'cancelled', at: TEACHER.at, by: 'teacher' }],
      },
    );
    expect(validateDoc(doc).ok).toBe(false);
  });

  it("refuses a substitute who is not the envelope's personId", () => {
    const doc = event({ personId: 'teacher' }, { substitute: { personId: 'sub', name: 'X' } });
    const check = validateDoc(doc);
    expect(check.ok ? '' : check.reason).toMatch(/substitute/);
  });
});

describe('state', () => {
  it('an event moved and moved back is where it was planned, with both moves in its history', () => {
    const there = applied(event(), {
      action: 'moved',
      reason: 'a',
      toDate: '2026-12-26',
      toStart: '11:00',
    });
    const back = applied(
      there,
      { action: 'moved', reason: 'b', toDate: '2026-12-25', toStart: '11:00' },
      LATER,
    );
    expect(eventState(there).moved).toBeDefined();
    expect(eventState(back).moved).toBeUndefined();
    expect(plannedWhen(there)).toEqual({ date: '2026-12-25', start: '11:00' });
    expect(back.body.changes).toHaveLength(2);
  });

  it('offers held from the day of the event, and only restore and edit once it is settled', () => {
    expect(offeredActions(event(), '2026-12-24')).not.toContain('held');
    expect(offeredActions(event(), '2026-12-25')).toContain('held');
    const cancelled = applied(event(), { action: 'cancelled', reason: 'x' });
    expect(offeredActions(cancelled, '2026-12-25')).toEqual(['restored', 'edited']);
  });
});

describe('who changes it and whose roll it is', () => {
  const teacher = { personId: 'teacher', ownClassIds: ['c10b'], admin: false };
  const director = { personId: 'director', ownClassIds: [], admin: true };
  const substitute = { personId: 'sub', ownClassIds: [], admin: false };
  const school = event({ classIds: [], audience: 'school' });
  const shared = event({ classIds: ['c5a', 'c10b'] });

  it('a class teacher changes only an event of their own class', () => {
    expect(canChangeEvent(event(), teacher)).toBe(true);
    expect(canChangeEvent(shared, teacher)).toBe(false);
    expect(canChangeEvent(school, teacher)).toBe(false);
    expect(canChangeEvent(event(), substitute)).toBe(false);
    expect(canChangeEvent(school, director)).toBe(true);
  });

  it('a class teacher takes the roll of their own class at a shared or school-wide event', () => {
    const all = ['c5a', 'c10b', 'c11a'];
    expect(rollCallClassIds(school, teacher, all)).toEqual(['c10b']);
    expect(rollCallClassIds(shared, teacher, all)).toEqual(['c10b']);
    expect(rollCallClassIds(school, director, all)).toEqual(all);
    expect(rollCallClassIds(event({ personId: 'sub' }), substitute, all)).toEqual(['c10b']);
  });

  it('the substitute who leads it marks it held from its day on, and nothing else', () => {
    const led = event({ personId: 'sub' });
    expect(leaderActions(led, substitute, '2026-12-24')).toEqual([]);
    expect(leaderActions(led, substitute, '2026-12-25')).toEqual(['held']);
    expect(leaderActions(event(), substitute, '2026-12-25')).toEqual([]);
    expect(leaderActions(event({ personId: 'teacher' }), teacher, '2026-12-25')).toEqual([]);
    const held = applied(led, { action: 'held' });
    expect(leaderActions(held, substitute, '2026-12-25')).toEqual([]);
  });
});

describe('lists', () => {
  const docs = (list: EventDoc[]) =>
    new Map<string, HomeroomDoc>(list.map((doc) => [doc._id, doc]));

  it("a class's events include the school's and shared ones, by date and time", () => {
    const own = event({ _id: 'event:a', eventId: 'a', date: '2026-12-10' });
    const school = event({
      _id: 'event:b',
      eventId: 'b',
      classIds: [],
      audience: 'school',
      date: '2026-12-09',
    });
    const other = event({ _id: 'event:c', eventId: 'c', classIds: ['c5a'], date: '2026-12-08' });
    const shared = event({
      _id: 'event:d',
      eventId: 'd',
      classIds: ['c5a', 'c10b'],
      date: '2026-12-11',
    });
    expect(
      eventsForClass(docs([own, school, other, shared]), 'c10b').map((e) => e.eventId),
    ).toEqual(['b', 'a', 'd']);
  });

  it('a substitute lists the events they lead outside their own classes', () => {
    const led = event({ _id: 'event:a', eventId: 'a', personId: 'sub' });
    const own = event({ _id: 'event:b', eventId: 'b', personId: 'sub', classIds: ['c5b'] });
    expect(eventsLedBy(docs([led, own]), 'sub', ['c5b']).map((e) => e.eventId)).toEqual(['a']);
  });

  it('a family sees every moved or cancelled event ahead, and the next few others', () => {
    const plain = Array.from({ length: 8 }, (_, i) =>
      event({
        _id: `event:p${String(i)}`,
        eventId: `p${String(i)}`,
        date: `2026-12-${String(10 + i)}`,
      }),
    );
    const far = event({ _id: 'event:far', eventId: 'far', date: '2027-01-27' });
    const cancelled = applied(far, { action: 'cancelled', reason: 'Карантин' });
    const past = event({ _id: 'event:past', eventId: 'past', date: '2026-12-01' });
    const shown = familyEvents(docs([...plain, cancelled, past]), 'c10b', '2026-12-07', 3);
    expect(shown.map((e) => e.eventId)).toEqual(['p0', 'p1', 'p2', 'far']);
  });
});

describe('mergeEventBodies', () => {
  it('joins both histories in time order and keeps the local fields', () => {
    const base = event();
    const local = applied(base, { action: 'cancelled', reason: 'Карантин' }, LATER);
    const server = applied(base, { action: 'moved', reason: 'Зал занят', toDate: '2026-12-26' });
    const merged = mergeEventBodies(local.body, server.body);
    expect(merged.status).toBe('cancelled');
    expect(merged.changes?.map((change) => change.action)).toEqual(['moved', 'cancelled']);
    expect(mergeEventBodies(merged, server.body).changes).toHaveLength(2);
  });
});
