/**
 * Turns parsed roster and staff rows into the documents to write, against what the school already
 * holds. Identity is natural: a pupil is their class, full name and birth date; a guardian their
 * phone; a member of staff their phone, else their e-mail. A document is written only when it is
 * new or its content differs, so importing the same file twice writes nothing the second time.
 */
import type { Audience, DocType, HomeroomDoc } from '../envelope';
import { fullName } from '../names';
import { validateDoc } from '../schemas';
import { parseClassName } from './classNames';
import { pupilKey, type RosterGuardian, type RosterPupil } from './roster';
import type { StaffMember } from './staff';

export interface ImportContext {
  schoolId: string;
  /** The person id written as `updatedBy`. */
  author: string;
  /** ISO time written as `updatedAt`. */
  now: string;
  newId: () => string;
}

export type RowAction = 'create' | 'update' | 'unchanged';

/** One importable row as it will be imported. */
export interface PreviewRow {
  file: 'roster' | 'staff';
  line: number;
  name: string;
  className?: string | undefined;
  birthDate?: string | undefined;
  action: RowAction;
  /** Types of the documents this row changes (pupil, guardian, …). */
  changed: DocType[];
  /** Names as written in the file that cleaning corrected. */
  corrected: string[];
}

export interface ImportPlan {
  rows: PreviewRow[];
  writes: HomeroomDoc[];
}

/** JSON with sorted keys, so two bodies with the same content compare equal. */
function stable(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => a.localeCompare(b)))
      : inner,
  );
}

const optional = <K extends string>(key: K, value: string | undefined) =>
  (value ? { [key]: value } : {}) as Partial<Record<K, string>>;

interface Envelope {
  classIds: string[];
  pupilId?: string;
  personId?: string;
}

class Planner {
  readonly byId = new Map<string, HomeroomDoc>();
  readonly writes = new Map<string, HomeroomDoc>();
  readonly classIds = new Map<string, string>();
  readonly pupils = new Map<string, string>();
  readonly guardians = new Map<string, string>();
  readonly staff = new Map<string, string>();

  constructor(
    existing: Iterable<HomeroomDoc>,
    readonly ctx: ImportContext,
  ) {
    for (const doc of existing) if (!doc._deleted) this.byId.set(doc._id, doc);
    for (const doc of this.byId.values()) this.index(doc);
  }

  private index(doc: HomeroomDoc): void {
    const body = doc.body as Record<string, string | undefined>;
    if (doc.type === 'class') {
      const name = parseClassName(body.name ?? '')?.name;
      if (name && doc.classIds[0]) this.classIds.set(name, doc.classIds[0]);
    } else if (doc.type === 'pupil' && doc.pupilId) {
      const className = this.byId.get(`class:${doc.classIds[0] ?? ''}`)?.body as
        { name: string } | undefined;
      const profile = this.byId.get(`profile:${doc.pupilId}`)?.body as
        { birthDate?: string } | undefined;
      const canonical = parseClassName(className?.name ?? '')?.name ?? '';
      this.pupils.set(
        pupilKey(canonical, doc.body as RosterPupil, profile?.birthDate),
        doc.pupilId,
      );
    } else if (doc.type === 'guardian' && doc.personId && body.phone) {
      this.guardians.set(body.phone, doc.personId);
    } else if (doc.type === 'staff' && doc.personId) {
      if (body.phone) this.staff.set(body.phone, doc.personId);
      if (body.email) this.staff.set(body.email, doc.personId);
    }
  }

  /** Writes the document if it is new or differs; says which. */
  put(type: DocType, id: string, envelope: Envelope, audience: Audience, body: object): RowAction {
    const old = this.writes.get(id) ?? this.byId.get(id);
    // A guardian belongs to the classes of all their children; anything else to its own class.
    const classIds =
      type === 'guardian'
        ? [...new Set([...(old?.classIds ?? []), ...envelope.classIds])]
        : envelope.classIds;
    if (old && stable(old.body) === stable(body) && stable(old.classIds) === stable(classIds)) {
      return 'unchanged';
    }
    const doc = {
      ...(old ?? { _id: id, type, schoolId: this.ctx.schoolId, audience }),
      ...envelope,
      classIds,
      updatedAt: this.ctx.now,
      updatedBy: this.ctx.author,
      body,
    } as HomeroomDoc;
    const check = validateDoc(doc);
    if (!check.ok) throw new Error(`Import built an invalid ${type}: ${check.reason}`);
    this.writes.set(id, check.doc);
    return this.byId.has(id) ? 'update' : 'create';
  }

  classId(name: string): string {
    let id = this.classIds.get(name);
    if (id) return id;
    const parsed = parseClassName(name);
    if (!parsed) throw new Error(`not a class: ${name}`);
    id = this.ctx.newId();
    this.classIds.set(name, id);
    const body = { name: parsed.name, grade: parsed.grade, letter: parsed.letter };
    this.put('class', `class:${id}`, { classIds: [id] }, 'class-families', body);
    return id;
  }
}

function summarise(results: [DocType, RowAction][]): { action: RowAction; changed: DocType[] } {
  const changed = results.filter(([, action]) => action !== 'unchanged').map(([type]) => type);
  const first = results[0]?.[1];
  const action = first === 'create' ? 'create' : changed.length > 0 ? 'update' : 'unchanged';
  return { action, changed: [...new Set(changed)] };
}

function guardianBody(guardian: RosterGuardian, old: HomeroomDoc | undefined): object {
  const kept = (old?.body ?? {}) as { email?: string };
  return {
    lastName: guardian.lastName,
    firstName: guardian.firstName,
    ...optional('patronymic', guardian.patronymic),
    phone: guardian.phone,
    ...optional('email', guardian.email ?? kept.email),
  };
}

function importPupil(planner: Planner, pupil: RosterPupil): PreviewRow {
  const classId = planner.classId(pupil.className);
  const key = pupilKey(pupil.className, pupil, pupil.birthDate);
  const pupilId = planner.pupils.get(key) ?? planner.ctx.newId();
  planner.pupils.set(key, pupilId);
  const envelope = { classIds: [classId], pupilId };
  const results: [DocType, RowAction][] = [
    [
      'pupil',
      planner.put('pupil', `pupil:${pupilId}`, envelope, 'family', {
        lastName: pupil.lastName,
        firstName: pupil.firstName,
        ...optional('patronymic', pupil.patronymic),
        ...optional('sex', pupil.sex),
      }),
    ],
    [
      'profile',
      planner.put('profile', `profile:${pupilId}`, envelope, 'family', {
        ...optional('birthDate', pupil.birthDate),
      }),
    ],
  ];
  for (const guardian of pupil.guardians) {
    const personId = planner.guardians.get(guardian.phone) ?? planner.ctx.newId();
    planner.guardians.set(guardian.phone, personId);
    const id = `guardian:${personId}`;
    const old = planner.writes.get(id) ?? planner.byId.get(id);
    const body = old && planner.writes.has(id) ? old.body : guardianBody(guardian, old);
    const person = { classIds: [classId], personId };
    results.push(['guardian', planner.put('guardian', id, person, 'staff', body as object)]);
    const link = `guardianship:${pupilId}:${personId}`;
    const relation = optional('relation', guardian.relation);
    results.push([
      'guardianship',
      planner.put('guardianship', link, { ...envelope, personId }, 'family', relation),
    ]);
  }
  return {
    file: 'roster',
    line: pupil.line,
    name: fullName(pupil),
    className: pupil.className,
    birthDate: pupil.birthDate,
    corrected: pupil.corrected,
    ...summarise(results),
  };
}

function importStaff(planner: Planner, member: StaffMember): PreviewRow {
  const known =
    (member.phone && planner.staff.get(member.phone)) ||
    (member.email && planner.staff.get(member.email));
  const personId = known || planner.ctx.newId();
  for (const login of [member.phone, member.email]) if (login) planner.staff.set(login, personId);
  const old = planner.byId.get(`staff:${personId}`)?.body as
    { phone?: string; email?: string } | undefined;
  const results: [DocType, RowAction][] = [
    [
      'staff',
      planner.put('staff', `staff:${personId}`, { classIds: [], personId }, 'staff', {
        lastName: member.lastName,
        firstName: member.firstName,
        ...optional('patronymic', member.patronymic),
        position: member.position,
        ...optional('phone', member.phone ?? old?.phone),
        ...optional('email', member.email ?? old?.email),
      }),
    ],
  ];
  if (member.leadsClass) {
    const classId = planner.classId(member.leadsClass);
    const id = `assignment:${classId}:${personId}`;
    const envelope = { classIds: [classId], personId };
    const role = { role: 'class-teacher' };
    results.push(['assignment', planner.put('assignment', id, envelope, 'staff', role)]);
  }
  return {
    file: 'staff',
    line: member.line,
    name: fullName(member),
    className: member.leadsClass,
    corrected: member.corrected,
    ...summarise(results),
  };
}

/** What importing these rows would write; nothing is written here. */
export function planImport(
  existing: Iterable<HomeroomDoc>,
  input: { roster?: readonly RosterPupil[]; staff?: readonly StaffMember[] },
  ctx: ImportContext,
): ImportPlan {
  const planner = new Planner(existing, ctx);
  const rows = [
    ...(input.staff ?? []).map((member) => importStaff(planner, member)),
    ...(input.roster ?? []).map((pupil) => importPupil(planner, pupil)),
  ];
  return { rows, writes: [...planner.writes.values()] };
}
