/**
 * A family's absence notice and the roll call: which notices cover a pupil at an event, the mark
 * a notice suggests, and whether the teacher has taken a notice into the roll call.
 *
 * A notice only suggests. Nothing is recorded as a mark until the class teacher confirms the
 * suggestion or saves the roll call with it («Все присутствуют» records what the screen shows):
 * - the mark is the school's record, and the teacher answers for it; a family's word is evidence
 *   for it, not the record itself (and a family may not write marks at all, src/domain/access.ts);
 * - plans change: a child reported ill may come after all, and is then simply marked present,
 *   with no family-made absence to correct and no correction's why to give;
 * - a notice edited or withdrawn before the event leaves nothing behind to undo.
 * So the suggestion is computed wherever it is shown, from the notices and the marks the device
 * holds, and never stored.
 */
import { excusedFor, type ExcusePolicy, type Mark } from './attendance';
import { uuidOf } from './envelope';
import { ofType, type DocOf, type Docs } from './queries';
import { MAX_ABSENCE_DAYS } from './schemas';
import { addDays, isIsoDate, schoolDate, schoolHour } from './schoolDate';

export type Notice = DocOf<'absence'>;

/** An event as a notice is matched against it: its id and its school date. */
export interface NoticeEvent {
  _id: string;
  date?: string | undefined;
}

/**
 * Whether a notice covers an event: a notice for one event covers that event, wherever it moved;
 * a notice for dates covers every event on those dates, the first and the last included.
 */
export function noticeCovers(notice: Notice, event: NoticeEvent): boolean {
  if (notice.body.eventId !== undefined) return notice.body.eventId === uuidOf(event._id);
  const date = event.date;
  return date !== undefined && notice.body.from <= date && date <= notice.body.to;
}

/** The pupil's notices that cover an event, the latest written first. */
export function noticesFor(
  notices: Iterable<Notice>,
  event: NoticeEvent,
  pupilId: string,
): Notice[] {
  const found: Notice[] = [];
  for (const notice of notices) {
    if (!notice._deleted && notice.pupilId === pupilId && noticeCovers(notice, event)) {
      found.push(notice);
    }
  }
  return found.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
}

/**
 * The mark a notice suggests: absent, with the notice's reason and evidence, excused as the
 * school's letters and rules decide for them (`excusedFor`).
 */
export function suggestedMark(notice: Notice, policy: ExcusePolicy): Mark {
  const mark: Omit<Mark, 'excused'> = {
    status: 'absent',
    reason: notice.body.reason,
    evidence: notice.body.evidence,
  };
  return { ...mark, excused: excusedFor(mark, policy) };
}

/** What the roll call shows for a pupil with no mark yet: a notice's suggestion. */
export interface Suggestion {
  notice: Notice;
  mark: Mark;
}

/**
 * The suggestion for a pupil at an event, from the latest notice that covers it; none once the
 * pupil has a mark, whatever it is: the teacher has decided.
 */
export function suggestionFor(
  notices: Iterable<Notice>,
  event: NoticeEvent,
  pupilId: string,
  recorded: Mark | undefined,
  policy: ExcusePolicy,
): Suggestion | undefined {
  if (recorded) return undefined;
  const notice = noticesFor(notices, event, pupilId)[0];
  return notice ? { notice, mark: suggestedMark(notice, policy) } : undefined;
}

/** Every notice of the given classes, the latest written first: the class teacher's inbox. */
export function noticesOfClasses(docs: Docs, classIds: readonly string[]): Notice[] {
  return ofType(docs, 'absence')
    .filter((notice) => notice.classIds.some((classId) => classIds.includes(classId)))
    .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
}

/** A pupil's notices, the latest written first: what their family sent. */
export function noticesOfPupil(docs: Docs, pupilId: string): Notice[] {
  return ofType(docs, 'absence')
    .filter((notice) => notice.pupilId === pupilId)
    .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
}

/**
 * Where a notice stands, for the family and the teacher:
 * - `waiting`: events it covers have no mark of the pupil yet;
 * - `taken`: the teacher marked the pupil absent with the notice's reason at every covered event
 *   marked so far;
 * - `differs`: at some covered event the teacher recorded something else (the child came, or
 *   another reason);
 * - `no-events`: the class has no event on those dates, so there is nothing to mark.
 */
export type NoticeState = 'waiting' | 'taken' | 'differs' | 'no-events';

export interface CoveredEvent {
  event: DocOf<'event'>;
  mark: Mark | undefined;
}

/** The events of the pupil's class a notice covers, in date order, with the pupil's mark at each. */
export function coveredEvents(docs: Docs, notice: Notice): CoveredEvent[] {
  const pupilId = notice.pupilId ?? '';
  return ofType(docs, 'event')
    .filter(
      (event) =>
        event.body.status !== 'cancelled' &&
        event.classIds.some((classId) => notice.classIds.includes(classId)) &&
        noticeCovers(notice, event),
    )
    .sort((a, b) => (a.date ?? '').localeCompare(b.date ?? ''))
    .map((event) => {
      const doc = docs.get(`att:${uuidOf(event._id)}:${pupilId}`) as
        DocOf<'attendance'> | undefined;
      return { event, mark: doc && !doc._deleted ? doc.body : undefined };
    });
}

/** Whether a recorded mark is the one the notice asked for: absent, for the notice's reason. */
export function marksNotice(notice: Notice, mark: Mark): boolean {
  return mark.status === 'absent' && mark.reason === notice.body.reason;
}

export function noticeState(covered: readonly CoveredEvent[], notice: Notice): NoticeState {
  if (covered.length === 0) return 'no-events';
  const marks = covered.flatMap(({ mark }) => (mark ? [mark] : []));
  if (marks.length === 0) return 'waiting';
  return marks.every((mark) => marksNotice(notice, mark)) ? 'taken' : 'differs';
}

/** What is wrong with the dates of a notice a family is about to send. */
export type NoticeDatesProblem = 'not-a-date' | 'order' | 'too-long';

export function noticeDatesProblem(from: string, to: string): NoticeDatesProblem | undefined {
  if (!isIsoDate(from) || !isIsoDate(to)) return 'not-a-date';
  if (to < from) return 'order';
  return addDays(from, MAX_ABSENCE_DAYS - 1) < to ? 'too-long' : undefined;
}

/** The school day is over by this hour at the school: a notice sent later is about tomorrow. */
const SCHOOL_DAY_ENDS_AT = 14;

/**
 * The day a family's notice is most likely about, offered first: today while the school day is
 * still ahead or going on (a child woke up ill), tomorrow once it is over (reported the evening
 * before).
 */
export function likelyFirstDay(now: Date, timeZone: string): string {
  const today = schoolDate(now, timeZone);
  return schoolHour(now, timeZone) < SCHOOL_DAY_ENDS_AT ? today : addDays(today, 1);
}
