import { describe, expect, it } from 'vitest';
import type { DocOf } from '../domain/queries';
import { validateDoc } from '../domain/schemas';
import { isParentMeeting } from '../domain/eventLife';
import { withResults } from './recordActions';

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

  it('stores the outcome trimmed, and passes validation', () => {
    const body = withResults(event({}).body, { outcome: ' Собрание прошло. ', deviations: '' });
    expect(body.outcome).toBe('Собрание прошло.');
    expect(body).not.toHaveProperty('deviations');
    expect(validateDoc({ ...event({}), body }).ok).toBe(true);
  });

  it('keeps the minutes an older version recorded in the event, so nothing is lost', () => {
    const minutes = { agenda: ['Успеваемость'], heard: 'Арутюнян Г. Л.', decided: 'Принять' };
    const body = withResults(event({ minutes }).body, { outcome: 'Прошло', deviations: '' });
    expect(body.minutes).toEqual(minutes);
  });

  it('clearing a field removes it rather than storing it empty', () => {
    const before = event({ outcome: 'было', deviations: 'перенесли' });
    const body = withResults(before.body, { outcome: '', deviations: '  ' });
    expect(body).not.toHaveProperty('outcome');
    expect(body).not.toHaveProperty('deviations');
    expect(body.title).toBe(before.body.title);
  });
});
