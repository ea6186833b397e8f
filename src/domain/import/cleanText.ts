/**
 * Cleaning names the way a careful secretary would: spaces folded, hyphens made one kind, and Latin
 * letters that look like Cyrillic ones (typed on the wrong keyboard layout) replaced inside a
 * Cyrillic name. Every correction is reported, so the preview can show it: nothing changes silently.
 */
import { cleanCell } from './csv';

const LOOK_ALIKES: Record<string, string> = {
  A: 'А',
  a: 'а',
  B: 'В',
  C: 'С',
  c: 'с',
  E: 'Е',
  e: 'е',
  H: 'Н',
  K: 'К',
  k: 'к',
  M: 'М',
  O: 'О',
  o: 'о',
  P: 'Р',
  p: 'р',
  T: 'Т',
  X: 'Х',
  x: 'х',
  y: 'у',
  Y: 'У',
};

const CYRILLIC = /[А-ЯЁа-яё]/;

/** A cleaned value and whether cleaning changed more than surrounding spaces. */
export interface Cleaned {
  value: string;
  corrected: boolean;
}

/** Replaces Latin look-alike letters inside each word that has a Cyrillic letter. */
function fixLookAlikes(word: string): string {
  if (!CYRILLIC.test(word)) return word;
  return word.replace(/[A-Za-z]/g, (letter) => LOOK_ALIKES[letter] ?? letter);
}

/** Cleans a person's name or a part of it. */
export function cleanName(text: string): Cleaned {
  const spaced = cleanCell(text);
  const value = spaced
    .replace(/\s*[-‐‑–—]\s*/g, '-')
    .split(' ')
    .map(fixLookAlikes)
    .join(' ');
  return { value, corrected: value !== spaced };
}

/** True when a cleaned name still has a character no Russian name has. */
export function hasForeignCharacters(name: string): boolean {
  return CYRILLIC.test(name) && /[^А-ЯЁа-яё\s'-]/.test(name);
}
