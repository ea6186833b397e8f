/**
 * What a device keeps when its pending edit meets another version of the same document, on pull
 * or after a push conflict. Every replica applies the same rules, so all of them converge:
 * - attendance: the mark recorded later wins, ties broken by recordedBy; the losing mark goes into
 *   the history (mergeAttendance in src/domain/attendance.ts);
 * - note: the local text wins, and a different server text is kept after it, so neither is lost;
 * - event: the local fields win, and the two histories of changes are joined (mergeEventBodies in
 *   src/domain/eventLife.ts), so who moved or cancelled it, and why, is never lost;
 * - everything else: the local pending edit wins;
 * - a deletion and an edit by someone else that it did not see: the edit wins, whichever came
 *   first, so a mark is never lost to an undo or a clean-up on another device. A deletion based on
 *   the latest version, or on the deleter's own latest edit, removes the record everywhere.
 * The result always rests on the server's revision, so the next push replaces that version.
 */
import type { AttendanceBody } from '../domain/attendance';
import { mergeAttendance } from '../domain/attendance';
import type { HomeroomDoc } from '../domain/envelope';
import { mergeEventBodies, type EventBody } from '../domain/eventLife';
import type { NoteBody } from '../domain/schemas';

export const NOTE_MERGE_SEPARATOR = '\n\n— — —\n\n';

export function mergeDocs(local: HomeroomDoc, server: HomeroomDoc): HomeroomDoc {
  const based = { ...local, _rev: server._rev };
  // The deleter wrote the latest version themselves: they saw it, and the deletion stands.
  if (local._deleted && !server._deleted && server.updatedBy !== local.updatedBy) return server;
  if (server._deleted || local._deleted) return based;

  if (local.type === 'attendance' && server.type === 'attendance') {
    const body = mergeAttendance(local.body as AttendanceBody, server.body as AttendanceBody);
    return { ...based, body };
  }
  if (local.type === 'event' && server.type === 'event') {
    const body = mergeEventBodies(local.body as EventBody, server.body as EventBody);
    return { ...based, body };
  }
  if (local.type === 'note' && server.type === 'note') {
    const mine = local.body as NoteBody;
    const theirs = server.body as NoteBody;
    if (mine.text.includes(theirs.text)) return based;
    return {
      ...based,
      body: { ...mine, text: `${mine.text}${NOTE_MERGE_SEPARATOR}${theirs.text}` },
    };
  }
  return based;
}
