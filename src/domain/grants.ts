/**
 * The grant index: who leads which class and who is a guardian of which pupil, kept from the grant
 * documents (pupil, guardianship, assignment) as they are written. It is derived data: the server
 * rebuilds it from the documents at start and updates it on every write.
 */
import type { Scope } from './access';
import type { Envelope } from './envelope';

/** Account facts the server keeps outside the school's documents. */
export interface AccountRoles {
  schoolId: string;
  personId: string;
  admin: boolean;
  staff: boolean;
  /** Set for a pupil's own account. */
  pupilId?: string | undefined;
}

interface Grant {
  personId: string;
  targetId: string;
  /** For an event's leader: the event's classes, whose roster they read. */
  classIds?: readonly string[];
}

/** Documents that grant access: a pupil's class, guardianships, (teaching) assignments, events' leaders. */
const GRANT_TYPES = new Set(['pupil', 'guardianship', 'assignment', 'teaching', 'event']);

export function isGrantDoc(doc: Pick<Envelope, 'type'>): boolean {
  return GRANT_TYPES.has(doc.type);
}

export class Grants {
  /** pupilId → classId */
  private readonly pupilClass = new Map<string, string>();
  /** guardianship doc id → guardian and pupil */
  private readonly guardianships = new Map<string, Grant>();
  /** assignment doc id → teacher and class */
  private readonly assignments = new Map<string, Grant>();
  /** teaching doc id → teacher and class */
  private readonly teachings = new Map<string, Grant>();
  /** event doc id → leader and event */
  private readonly leaderships = new Map<string, Grant>();
  private readonly byPerson = new Map<string, Set<string>>();

  /** Takes in the current winning version of a document (or its deletion). */
  apply(doc: Envelope): void {
    switch (doc.type) {
      case 'pupil':
        if (doc._deleted || !doc.pupilId || !doc.classIds[0]) {
          if (doc.pupilId) this.pupilClass.delete(doc.pupilId);
        } else {
          this.pupilClass.set(doc.pupilId, doc.classIds[0]);
        }
        return;
      case 'guardianship':
        this.setGrant(this.guardianships, doc, doc.pupilId);
        return;
      case 'assignment':
        this.setGrant(this.assignments, doc, doc.classIds[0]);
        return;
      case 'teaching':
        this.setGrant(this.teachings, doc, doc.classIds[0]);
        return;
      case 'event':
        this.setGrant(this.leaderships, doc, doc.eventId, doc.classIds);
        return;
      default:
        return;
    }
  }

  private setGrant(
    grants: Map<string, Grant>,
    doc: Envelope,
    targetId: string | undefined,
    classIds?: readonly string[],
  ): void {
    const old = grants.get(doc._id);
    if (old) this.byPerson.get(old.personId)?.delete(doc._id);
    grants.delete(doc._id);
    if (doc._deleted || !doc.personId || !targetId) return;

    grants.set(doc._id, { personId: doc.personId, targetId, ...(classIds ? { classIds } : {}) });
    let ids = this.byPerson.get(doc.personId);
    if (!ids) this.byPerson.set(doc.personId, (ids = new Set()));
    ids.add(doc._id);
  }

  classOf(pupilId: string): string | undefined {
    return this.pupilClass.get(pupilId);
  }

  /** The guardians of a pupil. */
  guardiansOf(pupilId: string): Set<string> {
    const guardians = new Set<string>();
    for (const grant of this.guardianships.values()) {
      if (grant.targetId === pupilId) guardians.add(grant.personId);
    }
    return guardians;
  }

  /** Pupil ids of a class, in no particular order. */
  pupilsOf(classId: string): string[] {
    const pupils: string[] = [];
    for (const [pupilId, pupilClass] of this.pupilClass) {
      if (pupilClass === classId) pupils.push(pupilId);
    }
    return pupils;
  }

  scopeFor(account: AccountRoles): Scope {
    const classes = new Set<string>();
    const children = new Set<string>();
    const childClasses = new Set<string>();
    const teaches = new Set<string>();
    const leads = new Set<string>();
    const leadsIn = new Set<string>();
    for (const grantId of this.byPerson.get(account.personId) ?? []) {
      const assignment = this.assignments.get(grantId);
      if (assignment) classes.add(assignment.targetId);
      const teaching = this.teachings.get(grantId);
      if (teaching) teaches.add(teaching.targetId);
      const leadership = this.leaderships.get(grantId);
      if (leadership) {
        leads.add(leadership.targetId);
        for (const classId of leadership.classIds ?? []) leadsIn.add(classId);
      }
      const guardianship = this.guardianships.get(grantId);
      if (guardianship) {
        children.add(guardianship.targetId);
        const classId = this.pupilClass.get(guardianship.targetId);
        if (classId) childClasses.add(classId);
      }
    }
    const { pupilId, ...roles } = account;
    const self = pupilId ? { pupilId, classId: this.pupilClass.get(pupilId) } : undefined;
    return { ...roles, classes, children, childClasses, teaches, leads, leadsIn, self };
  }
}
