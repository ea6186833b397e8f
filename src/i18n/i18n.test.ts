import { describe, expect, it } from 'vitest';
import { ERRORS } from '../domain/errors';
import { en } from './en';
import { createI18n } from './i18n';
import { ru } from './ru';

const PLURAL = /_(zero|one|two|few|many|other)$/;

function keys(resources: Record<string, Record<string, string>>): Set<string> {
  const found = new Set<string>();
  for (const [section, entries] of Object.entries(resources)) {
    for (const key of Object.keys(entries)) found.add(`${section}.${key.replace(PLURAL, '')}`);
  }
  return found;
}

describe('translations', () => {
  it('English has every Russian key', () => {
    const missing = [...keys(ru)].filter((key) => !keys(en).has(key));
    expect(missing).toEqual([]);
  });

  it.each(['ru', 'en'] as const)('every registry error code has text in %s', async (language) => {
    const i18n = await createI18n(language, false);
    for (const code of Object.keys(ERRORS)) {
      const text = i18n.t(`errors.${code}`);
      expect(text, code).not.toBe(`errors.${code}`);
      expect(text.length, code).toBeGreaterThan(10);
    }
  });
});
