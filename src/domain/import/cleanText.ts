/**
 * Cleaning names the way a careful secretary would: spaces folded, hyphens made one kind, and Latin
 * letters that look like Cyrillic ones (typed on the wrong keyboard layout) replaced inside a
 * Cyrillic name. Every correction is reported, so the preview can show it: nothing changes silently.
 */
import { cleanCell } from './csv';
import { rowError, type RowError } from './rowError';

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

/** A person's name from the columns «Фамилия», «Имя», «Отчество» of an exported row. */
export interface NameColumns {
  lastName: string;
  firstName: string;
  patronymic: string;
  /** The raw cells that cleaning changed, for the preview to show. */
  corrected: string[];
}

/**
 * Cleans the name columns of a row and checks them: a surname and a first name are required,
 * and no name may hold characters that no name has.
 */
export function nameColumns(line: number, cells: Record<string, string>): NameColumns | RowError {
  const corrected: string[] = [];
  const names = (['Фамилия', 'Имя', 'Отчество'] as const).map((column) => {
    const cleaned = cleanName(cells[column] ?? '');
    if (cleaned.corrected) corrected.push(cells[column] ?? '');
    return cleaned.value;
  });
  const [lastName = '', firstName = '', patronymic = ''] = names;
  if (!lastName) return rowError(line, 'empty_surname');
  if (!firstName) return rowError(line, 'empty_first_name');
  const foreign = names.find(hasForeignCharacters);
  if (foreign) return rowError(line, 'bad_name', foreign);
  return { lastName, firstName, patronymic, corrected };
}
