/** Class names in their usual spellings (5А, 5 А, 5-А, 5 «А», 5 "А") recognised as one class. */

export interface ClassName {
  grade: number;
  letter: string;
  /** The canonical spelling: `5 «А»`. */
  name: string;
}

const LATIN_TO_CYRILLIC: Record<string, string> = {
  A: 'А',
  B: 'В',
  E: 'Е',
  K: 'К',
  M: 'М',
  H: 'Н',
  O: 'О',
  P: 'Р',
  C: 'С',
  T: 'Т',
  X: 'Х',
};

export function parseClassName(text: string): ClassName | undefined {
  const match = /^\s*(\d{1,2})\s*[-–]?\s*[«"“„']?\s*([A-Za-zА-ЯЁа-яё])\s*[»"”'“]?\s*$/.exec(text);
  if (!match) return undefined;
  const grade = Number(match[1]);
  if (grade < 1 || grade > 11) return undefined;
  const raw = (match[2] ?? '').toUpperCase();
  const letter = LATIN_TO_CYRILLIC[raw] ?? raw;
  if (!/^[А-ЯЁ]$/.test(letter)) return undefined;
  return { grade, letter, name: `${grade} «${letter}»` };
}
