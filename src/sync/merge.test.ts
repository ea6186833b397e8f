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

  it('merges attendance so that both replicas converge', () => {
    const a = attendance('e', 'p', PRESENT, '2026-09-07T05:00:00.000Z', 'a');
    const b = attendance('e', 'p', { ...PRESENT, status: 'late' }, '2026-09-07T05:01:00.000Z', 'b');
    expect(mergeDocs(a, b).body).toEqual(mergeDocs(b, a).body);
    expect(mergeDocs(a, b).body).toMatchObject({
      status: 'late',
      history: [{ status: 'present' }],
    });
  });
});
