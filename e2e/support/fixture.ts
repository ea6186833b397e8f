/**
 * Facts read straight from the demo school's files, never from src/domain, so the e2e tests check
 * the app against its input and not against its own code.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

const DEMO_DIR = path.resolve(import.meta.dirname, '..', '..', 'demo-data');

export interface FixturePupil {
  className: string;
  lastName: string;
  firstName: string;
  sex: string;
  guardianEmails: string[];
}

export function fixturePupils(): FixturePupil[] {
  return readFileSync(path.join(DEMO_DIR, 'roster.csv'), 'utf8')
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .slice(1)
    .filter((line) => line.trim() !== '')
    .map((line) => line.split(';'))
    .map((cells) => ({
      className: cells[0] ?? '',
      lastName: cells[1] ?? '',
      firstName: cells[2] ?? '',
      sex: cells[5] ?? '',
      guardianEmails: [cells[8], cells[11]].filter((email): email is string => Boolean(email)),
    }));
}

export const PASSWORD = 'homeroom-demo';
export const TEACHER_10B = 'garutyunyan919@example.com';
export const GUARDIAN_10B = 'kps.mama@example.com';
export const DIRECTOR = 'grudenko924@example.com';

/** A school day of the plan: Monday 7 December 2026, «Разговоры о важном» at 08:00 in 10 «Б». */
export const SCHOOL_DAY_MORNING = new Date('2026-12-07T07:45:00+03:00');
export const TODAY_EVENT = 'Разговоры о важном';
