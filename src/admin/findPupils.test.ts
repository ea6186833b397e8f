import { describe, expect, it } from 'vitest';
import type { DocOf } from '../domain/queries';
import { pupil } from '../testing/docs';
import { findPupils } from './findPupils';

const pupils = [
  pupil('p1', 'Семёнова', 'Алёна'),
  pupil('p2', 'Семенов', 'Пётр'),
  pupil('p3', 'Ёлкина', 'Мария'),
  pupil('p4', 'Иванов', 'Семён'),
] as DocOf<'pupil'>[];
const ids = (query: string) => findPupils(pupils, query).map((doc) => doc.pupilId);

describe('findPupils', () => {
  it('treats Ё as Е both ways and ignores case', () => {
    expect(ids('семен')).toEqual(['p4', 'p2', 'p1']);
    expect(ids('СЕМЁН')).toEqual(['p4', 'p2', 'p1']);
    expect(ids('елкина')).toEqual(['p3']);
  });

  it('takes words in any order, and nothing for an empty query', () => {
    expect(ids('алена семенова')).toEqual(['p1']);
    expect(ids('  ')).toEqual([]);
  });
});
