import { describe, expect, it } from 'vitest';
import type { DocOf } from '../domain/queries';
import { validateDoc } from '../domain/schemas';
import { isParentMeeting, withResults } from './recordActions';

function event(body: Partial<DocOf<'event'>['body']>): DocOf<'event'> {
  return {
    _id: 'event:e1',
    type: 'event',
    schoolId: 'school-1',
    classIds: ['class-10b'],
    eventId: 'e1',
    audience: 'class-families',
    date: '2026-12-10',
    updatedAt: '2026-12-07T08:00:00.000Z',
    updatedBy: 'staff-1',
    body: { title: 'Родительское собрание «Итоги первого полугодия»', status: 'planned', ...body },
  };
}

describe('the results of an event', () => {
  it('a parent meeting is known by its kind or title; a classroom hour is not', () => {
    expect(isParentMeeting(event({ kind: 'родительское собрание' }))).toBe(true);
    expect(isParentMeeting(event({ title: 'Разговоры о важном', kind: 'классный час' }))).toBe(
      false,
    );
  });

  it('stores the minutes with one agenda item per non-empty line, and passes validation', () => {
    const body = withResults(event({}).body, {
      outcome: ' Собрание прошло. ',
      deviations: '',
      minutes: {
        agenda: 'Успеваемость\n\n  Новогодний праздник ',
        heard: 'Арутюнян Г. Л.',
        decided: 'Принять к сведению',
      },
    });
    expect(body.outcome).toBe('Собрание прошло.');
    expect(body).not.toHaveProperty('deviations');
    expect(body.minutes?.agenda).toEqual(['Успеваемость', 'Новогодний праздник']);
    expect(validateDoc({ ...event({}), body }).ok).toBe(true);
  });

  it('clearing a field removes it rather than storing it empty', () => {
    const before = event({ outcome: 'было', deviations: 'перенесли' });
    const body = withResults(before.body, { outcome: '', deviations: '  ' });
    expect(body).not.toHaveProperty('outcome');
    expect(body).not.toHaveProperty('deviations');
    expect(body.title).toBe(before.body.title);
  });
});
