/** Document builders for unit tests. */
import type { AttendanceBody, Mark } from '../domain/attendance';
import { attendanceId, type HomeroomDoc } from '../domain/envelope';

export const SCHOOL = 'school-1';
export const CLASS = 'class-10b';

export function pupil(id: string, lastName: string, firstName: string): HomeroomDoc {
  return {
    _id: `pupil:${id}`,
    type: 'pupil',
    schoolId: SCHOOL,
    classIds: [CLASS],
    pupilId: id,
    audience: 'staff',
    updatedAt: '2026-09-01T05:00:00.000Z',
    updatedBy: 'admin',
    body: { lastName, firstName, sex: 'F' },
  };
}

export function attendance(
  eventId: string,
  pupilId: string,
  mark: Mark,
  recordedAt: string,
  recordedBy: string,
): HomeroomDoc<AttendanceBody> {
  return {
    _id: attendanceId(eventId, pupilId),
    type: 'attendance',
    schoolId: SCHOOL,
    classIds: [CLASS],
    pupilId,
    eventId,
    audience: 'family',
    date: '2026-09-07',
    updatedAt: recordedAt,
    updatedBy: recordedBy,
    body: { ...mark, recordedAt, recordedBy, history: [] },
  };
}
