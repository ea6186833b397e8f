import { describe, expect, it } from 'vitest';
import { PRESENT } from '../domain/attendance';
import type { HomeroomDoc } from '../domain/envelope';
import { attendance, pupil } from '../testing/docs';
import { mergeDocs, NOTE_MERGE_SEPARATOR } from './merge';

const note = (text: string, rev?: string): HomeroomDoc => ({
  ...pupil('p1', 'А', 'Б'),
  _id: 'note:n1',
  type: 'note',
  ...(rev ? { _rev: rev } : {}),
  body: { text },
});

describe('mergeDocs', () => {
  it('keeps both note texts, local first, on top of the server revision', () => {
    const merged = mergeDocs(note('моё', '1-a'), note('их', '2-b'));
    expect(merged._rev).toBe('2-b');
    expect(merged.body).toEqual({ text: `моё${NOTE_MERGE_SEPARATOR}их` });
    expect(mergeDocs(merged, note('их', '3-c')).body).toEqual(merged.body);
  });

  it('lets the local pending edit win for other types', () => {
    const local = pupil('p1', 'Локальная', 'Правка');
    const merged = mergeDocs(local, { ...pupil('p1', 'Серверная', 'Версия'), _rev: '5-x' });
    expect(merged).toEqual({ ...local, _rev: '5-x' });
  });

  it("joins an event's histories: a move on one device and a cancellation on another both stay", () => {
    const event = (action: 'moved' | 'cancelled', at: string, rev: string): HomeroomDoc => ({
      _id: 'event:e1',
      _rev: rev,
      type: 'event',
      schoolId: 's1',
      classIds: ['c1'],
      eventId: 'e1',
      audience: 'class-families',
      date: '2026-12-26',
      updatedAt: at,
      updatedBy: action,
      body: {
        title: 'Праздник',
        status: action === 'cancelled' ? 'cancelled' : 'planned',
        changes: [{ action, at, by: action, reason: 'причина', toDate: '2026-12-26' }],
      },
    });
    const local = event('cancelled', '2026-12-05T10:00:00.000Z', '1-a');
    const server = event('moved', '2026-12-05T09:00:00.000Z', '2-b');
    const merged = mergeDocs(local, server);
    expect(merged._rev).toBe('2-b');
    expect(merged.body).toMatchObject({ status: 'cancelled' });
    const changes = (merged.body as { changes: { action: string }[] }).changes;
    expect(changes.map((change) => change.action)).toEqual(['moved', 'cancelled']);
  });

  it('merges attendance so that both replicas converge', () => {
    const a = attendance('e', 'p', PRESENT, '2026-09-07T05:00:00.000Z', 'a');
    const b = attendance('e', 'p', { ...PRESENT, status: 'late' }, '2026-09-07T05:01:00.000Z', 'b');
    expect(mergeDocs(a, b).body).toEqual(mergeDocs(b, a).body);
    expect(mergeDocs(a, b).body).toMatchObject({
      status: 'late',
      history: [{ status: 'present' }],
    });
  });

  it('an edit by someone else beats a deletion that did not see it, either way round', () => {
    const edited = { ...note('их', '2-b'), updatedBy: 'teacher-b' };
    const deleted = { ...note('моё', '1-a'), _deleted: true, updatedBy: 'teacher-a' };
    expect(mergeDocs(deleted, edited)).toEqual(edited);
    const resurrected = mergeDocs(
      { ...note('моё', '1-a'), updatedBy: 'teacher-a' },
      {
        ...deleted,
        _rev: '2-c',
      },
    );
    expect(resurrected._deleted).toBeUndefined();
    expect(resurrected._rev).toBe('2-c');
  });

  it("a deletion of the deleter's own latest edit stands", () => {
    const own = { ...note('моё', '2-b'), updatedBy: 'teacher-a' };
    const deleted = { ...note('моё', '1-a'), _deleted: true, updatedBy: 'teacher-a' };
    const merged = mergeDocs(deleted, own);
    expect(merged._deleted).toBe(true);
    expect(merged._rev).toBe('2-b');
  });
});
