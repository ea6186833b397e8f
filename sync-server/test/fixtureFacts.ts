/**
 * Facts read from the demo school's files directly, with nothing from src/domain, so tests compare
 * what the server serves against the source rather than against the code under test.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

const DEMO_DIR = path.resolve(import.meta.dirname, '..', '..', 'demo-data');

function rows(file: string): string[][] {
  return readFileSync(path.join(DEMO_DIR, file), 'utf8')
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
    .slice(1)
    .map((line) => line.split(';'));
}

/** Roster rows: class, surname, first name, …, guardian e-mails in columns 8 and 11. */
export function rosterRows(): string[][] {
  return rows('roster.csv');
}

export function pupilsOfGuardianEmail(email: string): string[][] {
  return rosterRows().filter((row) => row[8] === email || row[11] === email);
}

export function classLedBy(email: string): string {
  const row = rows('staff.csv').find((staff) => staff[6] === email);
  if (!row?.[4]) throw new Error(`${email} leads no class in staff.csv`);
  return row[4];
}

export function pupilsOfClass(className: string): string[][] {
  return rosterRows().filter((row) => row[0] === className);
}

/** Classes a teacher teaches a subject in, from teaching-load.csv, by surname. */
export function classesTaughtBy(lastName: string): string[] {
  const row = rows('teaching-load.csv').find((teacher) => teacher[0] === lastName);
  return (row?.[4] ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
}
