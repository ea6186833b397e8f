/** The plan file imported by a class teacher: their rows only, every refusal said, no duplicates. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { HomeroomDoc } from '../envelope';
import { applyChange, type Actor, type EventDoc } from '../eventLife';
import { validateDoc } from '../schemas';
import { decodeText } from './csv';
import { parsePlan } from './plan';
import { planEventId, planEventsImport, planKey, type PlanImportContext } from './planEvents';

const DEMO = path.resolve(import.meta.dirname, '../../../demo-data');
const PLAN = decodeText(new Uint8Array(readFileSync(path.join(DEMO, 'plan-2026-2027.csv'))));
const HEADER = PLAN.split(/\r?\n/)[0] ?? '';

const ACTOR: Actor = {
  personId: 'teacher',
  name: 'Арутюнян Г. Л.',
  at: '2026-12-04T09:00:00.000Z',
};
const CTX: PlanImportContext = { schoolId: 's1', ownClassIds: ['c10b'], actor: ACTOR };

function classDoc(classId: string, name: string): HomeroomDoc {
  return {
    _id: `class:${classId}`,
    type: 'class',
    schoolId: 's1',
    classIds: [classId],
    audience: 'class-families',
    updatedAt: ACTOR.at,
    updatedBy: 'admin',
    body: { name, grade: Number.parseInt(name, 10), letter: name.slice(-2, -1) },
  };
}

function school(...more: HomeroomDoc[]): Map<string, HomeroomDoc> {
  const docs = [classDoc('c10b', '10 «Б»'), classDoc('c5a', '5 «А»'), ...more];
  return new Map(docs.map((doc) => [doc._id, doc]));
}

function withWrites(docs: Map<string, HomeroomDoc>, writes: readonly HomeroomDoc[]) {
  const next = new Map(docs);
  for (const doc of writes) next.set(doc._id, doc);
  return next;
}

/** The demo plan with these rows after its header instead of its own. */
function planOf(...rows: string[]): string {
  return [HEADER, ...rows].join('\r\n');
}

describe('planEventsImport', () => {
  it("imports the class teacher's 46 rows of the demo plan and refuses 5 «А»'s as not hers", async () => {
    const result = await planEventsImport(school(), parsePlan(PLAN), CTX);
    expect(result.rows).toHaveLength(46);
    expect(result.rows.every((row) => row.action === 'create')).toBe(true);
    expect(result.writes).toHaveLength(46);
    expect(result.refused).toHaveLength(46);
    expect(new Set(result.refused.map((error) => error.code))).toEqual(new Set(['not_your_class']));
    expect(result.refused[0]).toMatchObject({ line: 2, value: '5 «А»' });
    for (const event of result.writes) {
      expect(validateDoc(event).ok).toBe(true);
      expect(event).toMatchObject({ classIds: ['c10b'], audience: 'class-families' });
      expect(event.body.changes).toEqual([
        { action: 'created', at: ACTOR.at, by: 'teacher', byName: 'Арутюнян Г. Л.' },
      ]);
    }
    expect(result.writes[0]?.body).toMatchObject({
      title: 'Торжественная линейка «День знаний»',
      start: '09:00',
      end: '10:00',
      place: 'Школьный двор',
      status: 'planned',
    });
  });

  it('a second import of the same file writes nothing, and two devices make the same ids', async () => {
    const first = await planEventsImport(school(), parsePlan(PLAN), CTX);
    const again = await planEventsImport(withWrites(school(), first.writes), parsePlan(PLAN), CTX);
    expect(again.writes).toEqual([]);
    expect(again.rows.every((row) => row.action === 'unchanged')).toBe(true);
    const elsewhere = await planEventsImport(school(), parsePlan(PLAN), {
      ...CTX,
      actor: { ...ACTOR, at: '2026-12-05T10:00:00.000Z' },
    });
    expect(elsewhere.writes.map((e) => e._id)).toEqual(first.writes.map((e) => e._id));
  });

  it('finds an event made with a random id by its class, date, time and title', async () => {
    const seeded: EventDoc = {
      _id: 'event:random-1',
      type: 'event',
      schoolId: 's1',
      classIds: ['c10b'],
      eventId: 'random-1',
      audience: 'class-families',
      date: '2026-12-25',
      updatedAt: ACTOR.at,
      updatedBy: 'seed',
      body: { title: 'Новогодний  праздник', start: '11:00', status: 'planned' },
    };
    const row = '25.12.2026;11:00;12:30;10 «Б»;Новогодний праздник;праздник;Актовый зал;ученики;';
    const result = await planEventsImport(school(seeded), parsePlan(planOf(row)), CTX);
    expect(result.rows[0]).toMatchObject({
      action: 'update',
      changed: ['kind', 'place', 'end', 'participants'],
    });
    expect(result.writes[0]?._id).toBe('event:random-1');
  });

  it('an event moved in the app stays moved; an edited row updates it; a cancelled one is kept', async () => {
    const row = (place: string) =>
      `25.12.2026;11:00;12:30;10 «Б»;Новогодний праздник;праздник;${place};ученики;Арутюнян Г. Л.`;
    const [imported] = (
      await planEventsImport(school(), parsePlan(planOf(row('Актовый зал'))), CTX)
    ).writes;
    const moved = applyChange(
      imported!,
      { action: 'moved', reason: 'Зал занят', toDate: '2026-12-26', toStart: '12:00' },
      ACTOR,
    );
    if (!moved.ok) throw new Error(moved.error);

    const same = await planEventsImport(
      school(moved.event),
      parsePlan(planOf(row('Актовый зал'))),
      CTX,
    );
    expect(same.rows[0]).toMatchObject({ action: 'unchanged' });
    expect(same.writes).toEqual([]);

    // The school's plan file updated with the move names the same event: no second one.
    const updatedPlan = await planEventsImport(
      school(moved.event),
      parsePlan(
        planOf(
          '26.12.2026;12:00;12:30;10 «Б»;Новогодний праздник;праздник;Актовый зал;ученики;Арутюнян Г. Л.',
        ),
      ),
      CTX,
    );
    expect(updatedPlan.rows[0]).toMatchObject({ action: 'unchanged', existing: moved.event });
    expect(updatedPlan.writes).toEqual([]);

    const edited = await planEventsImport(
      school(moved.event),
      parsePlan(planOf(row('Спортзал'))),
      CTX,
    );
    expect(edited.rows[0]).toMatchObject({ action: 'update', changed: ['place'] });
    expect(edited.writes[0]).toMatchObject({
      date: '2026-12-26',
      body: { place: 'Спортзал', start: '12:00' },
    });
    expect(edited.writes[0]?.body.changes?.map((c) => c.action)).toEqual([
      'created',
      'moved',
      'edited',
    ]);

    const cancelled = applyChange(moved.event, { action: 'cancelled', reason: 'Карантин' }, ACTOR);
    if (!cancelled.ok) throw new Error(cancelled.error);
    const kept = await planEventsImport(
      school(cancelled.event),
      parsePlan(planOf(row('Спортзал'))),
      CTX,
    );
    expect(kept.rows[0]).toMatchObject({ action: 'unchanged' });
    expect(kept.writes).toEqual([]);
  });

  it('says which rows are refused and why: bad date, bad time, unknown class, a repeat', async () => {
    const text = planOf(
      '31.02.2027;08:00;08:30;10 «Б»;Разговоры о важном;классный час;Кабинет 21;ученики;',
      '01.03.2027;8.00;весь день;10 «Б»;Разговоры о важном;классный час;Кабинет 21;ученики;',
      '02.03.2027;08:00;08:30;9 «Я»;Разговоры о важном;классный час;Кабинет 21;ученики;',
      '03.03.2027;08:00;08:30;10 Б;Разговоры о важном;классный час;Кабинет 21;ученики;',
      '03.03.2027;08:00;08:30;10 «Б»;Разговоры  о важном;классный час;Кабинет 21;ученики;',
      '04.03.2027;08:00;08:30;Десятый;Разговоры о важном;классный час;Кабинет 21;ученики;',
    );
    const result = await planEventsImport(school(), parsePlan(text), CTX);
    expect(result.refused.map((error) => [error.line, error.code, error.value])).toEqual([
      [2, 'bad_date', '31.02.2027'],
      [3, 'bad_time', 'весь день'],
      [4, 'unknown_class', '9 «Я»'],
      [6, 'duplicate', '5'],
      [7, 'bad_class', 'Десятый'],
    ]);
    expect(result.rows.map((row) => row.line)).toEqual([5]);
  });

  it('refuses a file without the columns of a plan', async () => {
    const result = await planEventsImport(
      school(),
      parsePlan('Класс;Фамилия;Имя\r\n10 «Б»;Иванов;Иван'),
      CTX,
    );
    expect(result.refused).toEqual([
      expect.objectContaining({ line: 1, code: 'missing_column', value: 'Дата' }),
    ]);
  });
});

describe('planEventId', () => {
  it('is a version 8 UUID, the same for the same identity and different otherwise', async () => {
    const id = await planEventId(planKey('c10b', '2026-12-25', '11:00', 'Новогодний праздник'));
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(await planEventId(planKey('c10b', '2026-12-25', '11:00', ' новогодний  ПРАЗДНИК'))).toBe(
      id,
    );
    expect(
      await planEventId(planKey('c10b', '2026-12-25', '12:00', 'Новогодний праздник')),
    ).not.toBe(id);
    expect(
      await planEventId(planKey('c5a', '2026-12-25', '11:00', 'Новогодний праздник')),
    ).not.toBe(id);
  });
});
