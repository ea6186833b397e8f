/**
 * A small school on a real Homeroom server, in process, for sync tests: one class of four pupils,
 * two class teachers, a guardian, two events. The server's data folder is copied from a template
 * seeded once, so each scenario starts fresh in milliseconds and can be restarted from disk.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../../sync-server/src/app';
import { readConfig, type ServerConfig } from '../../../sync-server/src/config';
import { openHomeroom, type Homeroom } from '../../../sync-server/src/homeroom';
import { SessionSigner } from '../../../sync-server/src/accounts/sessions';

const BOM = '\uFEFF';
const ROSTER = [
  'Класс;Фамилия;Имя;Отчество;Дата рождения;Пол;Представитель 1 (ФИО);Телефон 1;Email 1;Представитель 2 (ФИО);Телефон 2;Email 2',
  '5 «А»;Аксёнова;Дарья;Андреевна;29.12.2015;Ж;Аксёнова Наталья Сергеевна;+7 (960) 296-13-66;mother@example.com;;;',
  '5 «А»;Белов;Марк;;27.08.2015;М;Белова Вера;+7 (950) 616-05-09;;;;',
  '5 «А»;Ёлкин;Глеб;Ильич;16.03.2016;М;Ёлкина Ольга;+7 (939) 392-33-23;;;;',
  '5 «А»;Петрова-Соколова;Ксения;;01.02.2016;Ж;Петрова Ирина;+7 (953) 071-88-10;;;;',
].join('\r\n');
const STAFF = [
  'Фамилия;Имя;Отчество;Должность;Классное руководство;Телефон;Email',
  'Гребенюк;Татьяна;Ивановна;учитель;5 «А»;+7 (997) 748-83-05;first.teacher@example.com',
  'Осипов;Андрей;Николаевич;учитель;5 «А»;+7 (923) 792-81-88;second.teacher@example.com',
  'Руденко;Галина;Николаевна;директор;;+7 (934) 432-88-94;director@example.com',
].join('\r\n');
const PLAN = [
  'Дата;Начало;Окончание;Класс;Мероприятие;Вид;Место;Участники;Ответственный',
  '07.09.2026;08:00;08:30;5 «А»;Разговоры о важном;классный час;Кабинет 21;ученики;Гребенюк Т. И.',
  '10.09.2026;18:00;19:00;5 «А»;Родительское собрание;родительское собрание;Кабинет 21;родители;Гребенюк Т. И.',
].join('\r\n');
const SCHOOL = {
  name: 'Школа для тестов синхронизации',
  shortName: 'Тестовая школа',
  timeZone: 'Europe/Moscow',
  schoolYear: { start: '2026-09-01', end: '2027-05-26' },
  periods: [],
  holidays: [],
  attendanceLetters: [
    { letter: 'н', status: 'absent', excused: false, meaning: 'без уважительной причины' },
    { letter: 'б', status: 'absent', reason: 'illness', excused: true, meaning: 'болел' },
    { letter: 'оп', status: 'late', meaning: 'опоздал' },
  ],
};

export const LOGINS = {
  first: 'first.teacher@example.com',
  second: 'second.teacher@example.com',
  guardian: 'mother@example.com',
} as const;

let template: string | undefined;

function configFor(dataDir: string, demoDir: string): ServerConfig {
  return readConfig(
    {
      HOMEROOM_DATA: dataDir,
      HOMEROOM_DEMO_DIR: demoDir,
      LOG_LEVEL: 'silent',
      HOMEROOM_STATIC: dataDir,
    },
    ['--demo'],
  );
}

/** Seeds the template data folder once per process. */
async function templateDir(): Promise<string> {
  if (template) return template;
  const root = mkdtempSync(path.join(tmpdir(), 'homeroom-sync-template-'));
  const demoDir = path.join(root, 'files');
  mkdirSync(demoDir);
  writeFileSync(path.join(demoDir, 'roster.csv'), BOM + ROSTER);
  writeFileSync(path.join(demoDir, 'staff.csv'), BOM + STAFF);
  writeFileSync(path.join(demoDir, 'plan-2026-2027.csv'), BOM + PLAN);
  writeFileSync(
    path.join(demoDir, 'teaching-load.csv'),
    `${BOM}Фамилия;Имя;Отчество;Предмет;Классы`,
  );
  writeFileSync(path.join(demoDir, 'school.json'), JSON.stringify(SCHOOL));
  const homeroom = await openHomeroom(configFor(path.join(root, 'data'), demoDir));
  await homeroom.close();
  template = root;
  return root;
}

export class SchoolServer {
  app!: FastifyInstance;
  homeroom!: Homeroom;
  private constructor(private readonly config: ServerConfig) {}

  static async start(): Promise<SchoolServer> {
    const root = await templateDir();
    const dir = mkdtempSync(path.join(tmpdir(), 'homeroom-sync-'));
    cpSync(path.join(root, 'data'), dir, { recursive: true });
    const server = new SchoolServer(configFor(dir, path.join(root, 'files')));
    await server.open();
    return server;
  }

  private async open(): Promise<void> {
    this.homeroom = await openHomeroom(this.config);
    this.app = await buildApp(this.homeroom.deps);
  }

  /** Stops the server and starts it again from its data folder, as after a crash or deploy. */
  async restart(): Promise<void> {
    await this.app.close();
    await this.homeroom.close();
    await this.open();
  }

  get store() {
    const store = this.homeroom.deps.schools.get('demo');
    if (!store) throw new Error('no school database');
    return store;
  }

  account(login: string) {
    const account = this.homeroom.deps.accounts.findByLogin(login);
    if (!account) throw new Error(`no account ${login}`);
    return account;
  }

  /** A session cookie for an account, as `_session` would issue (without hashing a password). */
  sessionCookie(login: string): string {
    const account = this.account(login);
    const token = new SessionSigner(this.homeroom.deps.secret).issue(
      account._id,
      account.sessionEpoch,
    );
    return `AuthSession=${token}`;
  }

  async close(): Promise<void> {
    await this.app.close();
    await this.homeroom.close();
    rmSync(this.config.dataDir, { recursive: true, force: true });
  }
}
