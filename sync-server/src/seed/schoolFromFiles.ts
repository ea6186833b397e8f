/**
 * Builds a whole school's documents and accounts from its export files: the settings, classes,
 * pupils, guardians and guardianships, staff and class-teacher assignments, and the year's plan.
 */
import { randomUUID } from 'node:crypto';
import type { Audience, DocType, HomeroomDoc } from '../../../src/domain/envelope';
import type { ClassName } from '../../../src/domain/import/classNames';
import { parseClassName } from '../../../src/domain/import/classNames';
import { parsePlan } from '../../../src/domain/import/plan';
import { parseRoster, type RosterGuardian } from '../../../src/domain/import/roster';
import { isAdministration, parseStaff } from '../../../src/domain/import/staff';
import { matchesInitials, parseTeachingLoad } from '../../../src/domain/import/teachingLoad';
import { validateDoc, type SchoolBody } from '../../../src/domain/schemas';
import type { Account } from '../accounts/accounts';

export interface SchoolFiles {
  school: SchoolBody;
  roster: string;
  staff: string;
  teachingLoad?: string | undefined;
  plan?: string | undefined;
}

export interface SeededSchool {
  schoolId: string;
  docs: HomeroomDoc[];
  /** Accounts without password hashes; the caller sets them. */
  accounts: Omit<Account, 'passwordHash' | 'db'>[];
  /** Rows that could not be used, with their file and line. */
  skipped: string[];
}

const SEED_AUTHOR = 'seed';

export function schoolFromFiles(files: SchoolFiles, now = new Date()): SeededSchool {
  const schoolId = randomUUID();
  const updatedAt = now.toISOString();
  const docs: HomeroomDoc[] = [];
  const skipped: string[] = [];
  const make = (
    type: DocType,
    id: string,
    envelope: {
      classIds?: string[];
      pupilId?: string;
      personId?: string;
      eventId?: string;
      date?: string;
    },
    audience: Audience,
    body: unknown,
  ) => {
    const doc = {
      _id: id,
      type,
      schoolId,
      classIds: [],
      ...envelope,
      audience,
      updatedAt,
      updatedBy: SEED_AUTHOR,
      body,
    };
    const validation = validateDoc(doc);
    if (!validation.ok) throw new Error(`Seed document ${id} is invalid: ${validation.reason}`);
    docs.push(validation.doc);
  };

  make('school', `school:${schoolId}`, {}, 'school', files.school);

  const classIds = new Map<string, string>();
  const classOf = (name: ClassName) => {
    let id = classIds.get(name.name);
    if (!id) {
      id = randomUUID();
      classIds.set(name.name, id);
      make('class', `class:${id}`, { classIds: [id] }, 'class-families', {
        name: name.name,
        grade: name.grade,
        letter: name.letter,
      });
    }
    return id;
  };

  const roster = parseRoster(files.roster);
  skipped.push(...roster.errors.map((e) => `roster line ${e.line}: ${e.reason}`));
  const staff = parseStaff(files.staff);
  skipped.push(...staff.errors.map((e) => `staff line ${e.line}: ${e.reason}`));

  const accounts: SeededSchool['accounts'] = [];
  const guardians = new Map<
    string,
    { id: string; guardian: RosterGuardian; classIds: Set<string> }
  >();
  const emailOwners = new Set<string>();
  const takenLogins = new Set<string>();
  const loginsOf = (phone: string | undefined, email: string | undefined) => {
    const logins: string[] = [];
    if (email && !emailOwners.has(email)) {
      emailOwners.add(email);
      logins.push(email);
    }
    if (phone && !takenLogins.has(phone)) logins.push(phone);
    logins.forEach((login) => takenLogins.add(login));
    return logins;
  };

  for (const pupil of roster.rows) {
    const classId = classOf({ name: pupil.className, grade: pupil.grade, letter: pupil.letter });
    const pupilId = randomUUID();
    make('pupil', `pupil:${pupilId}`, { classIds: [classId], pupilId }, 'family', {
      lastName: pupil.lastName,
      firstName: pupil.firstName,
      ...(pupil.patronymic ? { patronymic: pupil.patronymic } : {}),
      ...(pupil.sex ? { sex: pupil.sex } : {}),
    });
    make('profile', `profile:${pupilId}`, { classIds: [classId], pupilId }, 'family', {
      ...(pupil.birthDate ? { birthDate: pupil.birthDate } : {}),
    });
    for (const guardian of pupil.guardians) {
      let known = guardians.get(guardian.phone);
      if (!known) {
        known = { id: randomUUID(), guardian, classIds: new Set() };
        guardians.set(guardian.phone, known);
        accounts.push({
          _id: `account:${known.id}`,
          logins: loginsOf(guardian.phone, guardian.email),
          schoolId,
          personId: known.id,
          admin: false,
          staff: false,
          guardian: true,
          sessionEpoch: 0,
        });
      }
      known.classIds.add(classId);
      make(
        'guardianship',
        `guardianship:${pupilId}:${known.id}`,
        { classIds: [classId], pupilId, personId: known.id },
        'family',
        guardian.relation ? { relation: guardian.relation } : {},
      );
    }
  }

  for (const { id, guardian, classIds: guardianClasses } of guardians.values()) {
    const email = emailOwners.has(guardian.email ?? '') ? guardian.email : undefined;
    make('guardian', `guardian:${id}`, { classIds: [...guardianClasses], personId: id }, 'staff', {
      lastName: guardian.lastName,
      firstName: guardian.firstName,
      ...(guardian.patronymic ? { patronymic: guardian.patronymic } : {}),
      phone: guardian.phone,
      ...(email ? { email } : {}),
    });
  }

  const staffIds: { person: (typeof staff.rows)[number]; personId: string }[] = [];
  for (const member of staff.rows) {
    const personId = randomUUID();
    staffIds.push({ person: member, personId });
    make('staff', `staff:${personId}`, { personId }, 'staff', {
      lastName: member.lastName,
      firstName: member.firstName,
      ...(member.patronymic ? { patronymic: member.patronymic } : {}),
      position: member.position,
      ...(member.phone ? { phone: member.phone } : {}),
      ...(member.email ? { email: member.email } : {}),
    });
    const leads = member.leadsClass ? parseClassName(member.leadsClass) : undefined;
    if (leads) {
      const classId = classOf(leads);
      make(
        'assignment',
        `assignment:${classId}:${personId}`,
        { classIds: [classId], personId },
        'staff',
        {
          role: 'class-teacher',
        },
      );
    }
    accounts.push({
      _id: `account:${personId}`,
      logins: loginsOf(member.phone, member.email),
      schoolId,
      personId,
      admin: isAdministration(member.position),
      staff: true,
      guardian: false,
      sessionEpoch: 0,
    });
  }

  if (files.teachingLoad) {
    const load = parseTeachingLoad(files.teachingLoad);
    skipped.push(...load.errors.map((e) => `teaching load line ${e.line}: ${e.reason}`));
    for (const row of load.rows) {
      const teacher = staffIds.find(
        ({ person }) => person.lastName === row.lastName && person.firstName === row.firstName,
      );
      if (!teacher) {
        skipped.push(`teaching load line ${row.line}: ${row.lastName} is not in the staff list`);
        continue;
      }
      for (const name of row.classNames) {
        const className = parseClassName(name);
        if (!className) continue;
        const classId = classOf(className);
        const envelope = { classIds: [classId], personId: teacher.personId };
        make('teaching', `teaching:${classId}:${teacher.personId}`, envelope, 'staff', {
          subject: row.subject,
        });
      }
    }
  }

  if (files.plan) {
    const plan = parsePlan(files.plan);
    skipped.push(...plan.errors.map((e) => `plan line ${e.line}: ${e.reason}`));
    // One event per row: each row is one class's own entry in its class teacher's plan, with its
    // own responsible teacher, even where two classes hold the same event at the same time.
    for (const row of plan.rows) {
      const className = parseClassName(row.className);
      if (!className) continue;
      const id = randomUUID();
      const leader = staffIds.find(({ person }) => matchesInitials(person, row.responsible ?? ''));
      const envelope = { classIds: [classOf(className)], date: row.date, eventId: id };
      make(
        'event',
        `event:${id}`,
        leader ? { ...envelope, personId: leader.personId } : envelope,
        'class-families',
        {
          title: row.title,
          status: 'planned',
          ...pick(row, ['kind', 'start', 'end', 'place', 'participants', 'responsible']),
        },
      );
    }
  }

  return { schoolId, docs, accounts, skipped };
}

function pick<T extends object, K extends keyof T>(source: T, keys: K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const key of keys) {
    if (source[key] !== undefined) out[key] = source[key];
  }
  return out;
}
