import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DOC_TYPES } from '../domain/envelope';
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

/** Every source file of the app, tests left out. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(file);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [file] : [];
  });
}

/** Keys the code names whole, as a literal: `t('section.key')` and `'section.key'` constants. */
function keysInCode(): Map<string, string> {
  const found = new Map<string, string>();
  const src = path.resolve(import.meta.dirname, '..');
  const sections = new Set(Object.keys(ru));
  for (const file of sources(src)) {
    for (const match of readFileSync(file, 'utf8').matchAll(/'([a-zA-Z]+)\.([a-zA-Z_]+)'/g)) {
      const [, section = '', key = ''] = match;
      if (sections.has(section)) found.set(`${section}.${key}`, path.relative(src, file));
    }
  }
  return found;
}

describe('translations', () => {
  it('every key the code names exists in Russian and English', () => {
    const russian = keys(ru);
    const english = keys(en);
    const missing = [...keysInCode()]
      .filter(
        ([key]) => !russian.has(key.replace(PLURAL, '')) || !english.has(key.replace(PLURAL, '')),
      )
      .map(([key, file]) => `${key} (${file})`);
    expect(missing).toEqual([]);
  });

  it('English has every Russian key', () => {
    const missing = [...keys(ru)].filter((key) => !keys(en).has(key));
    expect(missing).toEqual([]);
  });

  it('every document type has a name, for the access log', () => {
    for (const type of DOC_TYPES) {
      expect(keys(ru).has(`docType.${type}`), type).toBe(true);
      expect(keys(en).has(`docType.${type}`), type).toBe(true);
    }
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
