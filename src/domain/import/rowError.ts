/** Why a row of an imported file cannot be imported. */

/** Machine reasons; the UI translates them (`import.reason.<code>`). */
export type RowErrorCode =
  | 'bad_class'
  | 'empty_surname'
  | 'empty_first_name'
  | 'bad_name'
  | 'bad_date'
  | 'future_birth_date'
  | 'implausible_birth_date'
  | 'bad_guardian_name'
  | 'bad_phone'
  | 'bad_email'
  | 'no_login'
  | 'duplicate'
  | 'missing_column'
  | 'empty_title'
  | 'empty_subject'
  | 'bad_time'
  | 'unknown_class'
  | 'not_your_class';

export interface RowError {
  /** The row's number in the file as a spreadsheet shows it: the header is row 1. */
  line: number;
  code: RowErrorCode;
  /** The offending value, or for a duplicate the row it repeats. */
  value?: string | undefined;
  /** The reason in English, for the command line and logs. */
  reason: string;
}

export interface Parsed<T> {
  rows: T[];
  errors: RowError[];
}

const REASONS: Record<RowErrorCode, (value: string) => string> = {
  bad_class: (v) => `class «${v}» is not a class name like 5 «А»`,
  empty_surname: () => 'the surname is empty',
  empty_first_name: () => 'the first name is empty',
  bad_name: (v) => `name «${v}» has characters no name has`,
  bad_date: (v) => `date «${v}» is not a date like 29.02.2016`,
  future_birth_date: (v) => `birth date ${v} is in the future`,
  implausible_birth_date: (v) => `birth date ${v} is too long ago for a pupil`,
  bad_guardian_name: (v) => `guardian's name «${v}» needs a surname and a first name`,
  bad_phone: (v) => `phone «${v}» is not a Russian phone number`,
  bad_email: (v) => `e-mail «${v}» is malformed`,
  no_login: () => 'neither a phone nor an e-mail to log in with',
  duplicate: (v) => `repeats row ${v}`,
  missing_column: (v) => `the file has no column «${v}»`,
  empty_title: () => 'the title is empty',
  empty_subject: () => 'the subject is empty',
  bad_time: (v) => `time «${v}» is not a time like 08:30`,
  unknown_class: (v) => `the school has no class ${v}`,
  not_your_class: (v) => `${v} is not your class; only your own classes' rows are imported`,
};

export function rowError(line: number, code: RowErrorCode, value = '', prefix = ''): RowError {
  return { line, code, ...(value ? { value } : {}), reason: prefix + REASONS[code](value) };
}
