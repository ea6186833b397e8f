import { describe, expect, it } from 'vitest';
import type { DocOf } from '../domain/queries';
import { byMonth, monthName } from './byMonth';

const event = (id: string, date: string) => ({ _id: id, date }) as DocOf<'event'>;

describe('past events by month', () => {
  it('keeps every event, newest month first as given', () => {
    const events = [
      event('a', '2026-11-30'),
      event('b', '2026-11-02'),
      event('c', '2026-10-26'),
      event('d', '2025-10-01'),
    ];
    const groups = byMonth(events);
    expect(groups.map((group) => [group.month, group.events.map((e) => e._id)])).toEqual([
      ['2026-11', ['a', 'b']],
      ['2026-10', ['c']],
      ['2025-10', ['d']],
    ]);
  });

  it('names the month in the reader’s language', () => {
    expect(monthName('2026-11', 'ru')).toBe('Ноябрь 2026');
    expect(monthName('2026-11', 'en')).toBe('November 2026');
  });
});
