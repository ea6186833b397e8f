/**
 * Creates a school's first administrator on a fresh (non-demo) data folder:
 *
 *   npm run create-admin -- --login director@school.ru --name "Руденко Галина Николаевна" \
 *     --school "МБОУ СОШ № 1" --time-zone Europe/Moscow
 *
 * The password is read from HOMEROOM_ADMIN_PASSWORD or asked for on the terminal. Stop the server
 * first: its database is locked while it runs.
 */
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { normalizeLogin } from '../../../src/domain/login';
import { splitFullName } from '../../../src/domain/import/roster';
import { validateDoc, type SchoolBody } from '../../../src/domain/schemas';
import { schoolDate } from '../../../src/domain/schoolDate';
import { hashPassword, MIN_PASSWORD_LENGTH } from '../accounts/passwords';
import { readConfig } from '../config';
import { openHomeroom } from '../homeroom';

/** Letters most Russian schools use; the administration changes them in the school's settings. */
const DEFAULT_LETTERS: SchoolBody['attendanceLetters'] = [
  {
    letter: 'н',
    status: 'absent',
    excused: false,
    meaning: 'отсутствовал без уважительной причины',
  },
  { letter: 'б', status: 'absent', reason: 'illness', excused: true, meaning: 'болел' },
  { letter: 'у', status: 'absent', excused: true, meaning: 'отсутствовал по уважительной причине' },
  { letter: 'оп', status: 'late', meaning: 'опоздал' },
];

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

/**
 * The year the school year being set up begins: from June on, the one that starts this September;
 * until the end of May, the one that started last September. The school's date decides, not the
 * server's, so a school far east of its server is not a day behind.
 */
function schoolYearStart(timeZone: string): number {
  let today: string;
  try {
    today = schoolDate(new Date(), timeZone);
  } catch {
    fail(`--time-zone «${timeZone}» is not a time zone; give one such as Europe/Moscow.`);
  }
  const year = Number(today.slice(0, 4));
  return Number(today.slice(5, 7)) >= 6 ? year : year - 1;
}

async function readPassword(): Promise<string> {
  const fromEnv = process.env.HOMEROOM_ADMIN_PASSWORD;
  if (fromEnv) return fromEnv;
  const terminal = createInterface({ input: process.stdin, output: process.stdout });
  const password = await terminal.question('Password for the administrator: ');
  terminal.close();
  return password;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      login: { type: 'string' },
      name: { type: 'string' },
      school: { type: 'string' },
      'time-zone': { type: 'string', default: 'Europe/Moscow' },
    },
  });
  const login = normalizeLogin(values.login ?? '');
  if (!login) fail('Give --login: an e-mail address or a Russian phone number.');
  const name = splitFullName(values.name ?? '');
  if (!name) fail('Give --name "Фамилия Имя Отчество".');

  const config = readConfig(process.env, []);
  if (config.demo) fail('create-admin is for a real school; unset HOMEROOM_DEMO.');
  const password = await readPassword();
  if (password.length < MIN_PASSWORD_LENGTH) {
    fail(`The password needs at least ${MIN_PASSWORD_LENGTH} characters.`);
  }

  const homeroom = await openHomeroom(config);
  try {
    const { accounts } = homeroom.deps;
    const store = homeroom.deps.schools.get(config.dbName);
    if (!store) fail(`No database ${config.dbName}.`);
    if (accounts.findByLogin(login)) fail(`An account with the login ${login} exists already.`);

    const existing = await store.db.allDocs({ include_docs: true });
    const schoolDoc = existing.rows.find((row) => row.doc?.type === 'school')?.doc;
    const schoolId = schoolDoc?.schoolId ?? randomUUID();
    const now = new Date().toISOString();
    const personId = randomUUID();
    const envelope = { schoolId, updatedAt: now, updatedBy: personId };
    const docs: Record<string, unknown>[] = [
      {
        ...envelope,
        _id: `staff:${personId}`,
        type: 'staff',
        classIds: [],
        personId,
        audience: 'staff',
        body: {
          lastName: name.lastName,
          firstName: name.firstName,
          ...(name.patronymic ? { patronymic: name.patronymic } : {}),
          position: 'администрация',
          ...(login.includes('@') ? { email: login } : { phone: login }),
        },
      },
    ];
    if (!schoolDoc) {
      const schoolName = values.school ?? fail('Give --school "the school\'s full name".');
      const year = schoolYearStart(values['time-zone']);
      const school: SchoolBody = {
        name: schoolName,
        shortName: schoolName,
        timeZone: values['time-zone'],
        schoolYear: { start: `${year}-09-01`, end: `${year + 1}-05-31` },
        periods: [],
        holidays: [],
        attendanceLetters: DEFAULT_LETTERS,
      };
      docs.push({
        ...envelope,
        _id: `school:${schoolId}`,
        type: 'school',
        classIds: [],
        audience: 'school',
        body: school,
      });
    }
    for (const doc of docs) {
      const validation = validateDoc(doc);
      if (!validation.ok) fail(`Invalid input: ${validation.reason}`);
    }
    await store.db.bulkDocs(docs);
    await accounts.save([
      {
        _id: `account:${personId}`,
        logins: [login],
        passwordHash: await hashPassword(password),
        schoolId,
        db: config.dbName,
        personId,
        admin: true,
        staff: true,
        guardian: false,
        sessionEpoch: 0,
      },
    ]);
    process.stdout.write(`Created the administrator ${login} of database "${config.dbName}".\n`);
  } finally {
    await homeroom.close();
  }
}

main().catch((error: unknown) => {
  fail(`create-admin failed: ${error instanceof Error ? error.message : String(error)}`);
});
