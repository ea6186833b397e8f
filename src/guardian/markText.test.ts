import { describe, expect, it } from 'vitest';
import type { Mark } from '../domain/attendance';
import type { DocOf } from '../domain/queries';
import { createI18n } from '../i18n/i18n';
import { markText, unmarkedText } from './MarkText';

const child = (sex: 'M' | 'F' | undefined) =>
  ({ body: { lastName: 'А', firstName: 'Б', ...(sex ? { sex } : {}) } }) as DocOf<'pupil'>;
const mark = (status: Mark['status'], reason: Mark['reason'], excused: boolean): Mark => ({
  status,
  reason,
  excused,
  evidence: 'none',
});

describe('marks in words', () => {
  it.each([
    [mark('absent', 'illness', true), 'M', 'отсутствовал, болел'],
    [mark('absent', 'illness', true), 'F', 'отсутствовала, болела'],
    [mark('absent', 'unknown', false), 'F', 'отсутствовала без уважительной причины'],
    [mark('absent', 'unknown', false), 'M', 'отсутствовал без уважительной причины'],
    [mark('late', 'unknown', false), 'M', 'опоздал'],
    [mark('present', 'unknown', false), 'M', 'присутствовал'],
    [mark('present', 'unknown', false), 'F', 'присутствовала'],
    [mark('present', 'unknown', false), undefined, 'присутствовал(а)'],
  ] as const)('%o for sex %s reads «%s»', async (value, sex, text) => {
    const i18n = await createI18n('ru', false);
    expect(markText(i18n.t, value, child(sex))).toBe(text);
  });
});

describe('a pupil not marked yet', () => {
  it.each([
    ['M', 'не отмечен'],
    ['F', 'не отмечена'],
    [undefined, 'не отмечен(а)'],
  ] as const)('for sex %s reads «%s»', async (sex, text) => {
    const i18n = await createI18n('ru', false);
    expect(unmarkedText(i18n.t, child(sex))).toBe(text);
  });
});
