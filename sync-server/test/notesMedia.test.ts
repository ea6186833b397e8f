/**
 * Notes, minutes, their photos and recordings, and read receipts over the API: the class teacher's
 * minutes for the families of the class and a note for one family, each with media routed as
 * the note; who reads which; a family's receipt, its own only; and pages of the changes feed
 * bounded in bytes when megabyte photos come in, so a pull never answers hundreds of megabytes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HomeroomDoc } from '../../src/domain/envelope';
import { receiptId } from '../../src/domain/envelope';
import { MAX_BODY_BYTES } from '../src/app';
import { MAX_FEED_PAGE_BYTES } from '../src/couch/changesFeed';
import { pupilsOfClass } from './fixtureFacts';
import { GUARDIAN_10B, login, startTestServer, TEACHER_10B, type TestServer } from './testServer';

const AT = '2026-12-10T16:00:00.000Z';
/** A photo near the limit: 950 kB, 1.27 MB as base64. */
const BIG_PHOTO_BYTES = 950_000;

let server: TestServer;
type Session = Awaited<ReturnType<typeof login>>;
let teacher: Session;
let mum: Session;
let classmateFamily: Session;
let otherClassFamily: Session;
let child: HomeroomDoc;
let meeting: HomeroomDoc;

async function changes(session: Session, query = '') {
  const response = await server.app.inject({
    url: `/couch/demo/_changes?include_docs=true${query}`,
    headers: { cookie: session.cookie },
  });
  expect(response.statusCode).toBe(200);
  return {
    bytes: response.rawPayload.length,
    ...response.json<{
      results: { id: string; doc?: HomeroomDoc }[];
      last_seq: string;
      pending?: number;
    }>(),
  };
}

async function idsOf(session: Session): Promise<string[]> {
  const ids: string[] = [];
  let since = '';
  for (;;) {
    const page = await changes(session, since ? `&since=${encodeURIComponent(since)}` : '');
    ids.push(...page.results.filter((row) => row.doc).map((row) => row.id));
    if (!page.pending) return ids;
    since = page.last_seq;
  }
}

async function write(session: Session, docs: object[]) {
  const response = await server.app.inject({
    method: 'POST',
    url: '/couch/demo/_bulk_docs',
    headers: { cookie: session.cookie },
    payload: { docs },
  });
  return {
    status: response.statusCode,
    results: response.json<{ id: string; ok?: boolean; error?: string; reason?: string }[]>(),
  };
}

function note(id: string, audience: string, body: object, pupilId?: string): HomeroomDoc {
  return {
    _id: `note:${id}`,
    type: 'note',
    schoolId: meeting.schoolId,
    classIds: meeting.classIds,
    ...(pupilId ? { pupilId } : {}),
    eventId: meeting.eventId,
    audience: audience as HomeroomDoc['audience'],
    date: meeting.date,
    updatedAt: AT,
    updatedBy: 'client',
    body,
  };
}

function media(parent: HomeroomDoc, id: string, bytes: number, kind = 'photo'): HomeroomDoc {
  const data = Buffer.alloc(bytes, id).toString('base64');
  return {
    ...parent,
    _id: `media:${id}`,
    type: 'media',
    body: {
      kind,
      mime: kind === 'photo' ? 'image/jpeg' : 'audio/webm;codecs=opus',
      data,
      bytes,
      parentId: parent._id,
      ...(kind === 'photo' ? { width: 1600, height: 1200 } : { durationMs: 4000 }),
    },
  };
}

function receipt(reader: Session, noteId: string, pupil: HomeroomDoc, personId = reader.personId) {
  return {
    _id: receiptId(noteId, personId),
    type: 'receipt',
    schoolId: pupil.schoolId,
    classIds: pupil.classIds,
    pupilId: pupil.pupilId,
    personId,
    audience: 'family',
    updatedAt: AT,
    updatedBy: 'client',
    body: { noteId, readAt: AT },
  };
}

beforeAll(async () => {
  server = await startTestServer();
  teacher = await login(server.app, TEACHER_10B);
  mum = await login(server.app, GUARDIAN_10B);
  const teachers = (await changes(teacher)).results.flatMap((row) => (row.doc ? [row.doc] : []));
  const found = teachers.find(
    (doc) =>
      doc.type === 'event' && /Задачи учебного года/.test((doc.body as { title: string }).title),
  );
  const own = (await changes(mum)).results.find((row) => row.doc?.type === 'pupil')?.doc;
  if (!found || !own) throw new Error('the demo school has no meeting of 10 «Б» or no child');
  [meeting, child] = [found, own];

  const childName = (child.body as { lastName: string }).lastName;
  const classmate = pupilsOfClass('10 «Б»').find((row) => row[8] && row[1] !== childName);
  const other = pupilsOfClass('5 «А»').find((row) => row[8]);
  if (!classmate?.[8] || !other?.[8]) throw new Error('no other families with e-mails');
  classmateFamily = await login(server.app, classmate[8]);
  otherClassFamily = await login(server.app, other[8]);
  // The demo school's seed and four logins (scrypt) take seconds on a busy machine.
}, 60_000);
afterAll(async () => {
  await server.close();
});

describe('notes and minutes with photos and recordings', () => {
  const minutesBody = {
    kind: 'minutes',
    text: '',
    minutes: { present: 24, of: 31, agenda: ['Задачи года'], heard: 'Слушали', decided: 'Решили' },
    media: ['media:board', 'media:voice'],
  };

  it('the class teacher writes the minutes for the class’s families and a note for one family', async () => {
    const minutes = note('minutes', 'class-families', minutesBody);
    const personal = note(
      'personal',
      'family',
      { text: 'Прошу зайти', media: ['media:sheet'] },
      child.pupilId,
    );
    const staffOnly = note('staff', 'staff', { text: 'Для коллег', media: ['media:draft'] });
    const { results } = await write(teacher, [
      minutes,
      media(minutes, 'board', 200_000),
      media(minutes, 'voice', 30_000, 'audio'),
      { ...personal, classIds: child.classIds },
      media({ ...personal, classIds: child.classIds }, 'sheet', 50_000),
      staffOnly,
      media(staffOnly, 'draft', 10_000),
    ]);
    expect(results.map((result) => result.error)).toEqual(Array(7).fill(undefined));
  });

  it('each family reads what is addressed to it, with its media; another class reads none of it', async () => {
    expect(await idsOf(mum)).toEqual(
      expect.arrayContaining([
        'note:minutes',
        'media:board',
        'media:voice',
        'note:personal',
        'media:sheet',
      ]),
    );
    const classmate = await idsOf(classmateFamily);
    expect(classmate).toEqual(
      expect.arrayContaining(['note:minutes', 'media:board', 'media:voice']),
    );
    const others = await idsOf(otherClassFamily);
    for (const ids of [await idsOf(mum), classmate, others]) {
      expect(ids).not.toContain('note:staff');
      expect(ids).not.toContain('media:draft');
    }
    for (const id of ['note:personal', 'media:sheet']) expect(classmate).not.toContain(id);
    for (const id of [
      'note:minutes',
      'media:board',
      'media:voice',
      'note:personal',
      'media:sheet',
    ]) {
      expect(others).not.toContain(id);
      const direct = await server.app.inject({
        url: `/couch/demo/${id}`,
        headers: { cookie: otherClassFamily.cookie },
      });
      expect(direct.statusCode).toBe(404);
    }
  });

  it('a family’s receipt is its own: not in another reader’s name, not about another child', async () => {
    const classmatePupil = (await changes(classmateFamily)).results.find(
      (row) => row.doc?.type === 'pupil',
    )?.doc;
    if (!classmatePupil) throw new Error('the classmate family has no child');
    const { results } = await write(mum, [
      receipt(mum, 'note:minutes', child),
      receipt(mum, 'note:personal', child, classmateFamily.personId),
      receipt(mum, 'note:staff', classmatePupil),
    ]);
    expect(results.map((result) => result.error)).toEqual([undefined, 'forbidden', 'forbidden']);
  });

  it('the teacher reads the receipt; the classmate family and another class do not', async () => {
    const id = receiptId('note:minutes', mum.personId);
    expect(await idsOf(teacher)).toContain(id);
    expect(await idsOf(classmateFamily)).not.toContain(id);
    expect(await idsOf(otherClassFamily)).not.toContain(id);
  });
});

describe('large media in the changes feed and in pushes', () => {
  it('a page of the feed stays within its byte budget and the next pages bring the rest', async () => {
    const minutes = note('album', 'class-families', { text: 'Фотографии с собрания', media: [] });
    const photos = Array.from({ length: 6 }, (_, index) =>
      media(minutes, `big${String(index)}`, BIG_PHOTO_BYTES),
    );
    // Two requests: together they are over the request limit, as a device's push would split them.
    for (const batch of [photos.slice(0, 3), photos.slice(3)]) {
      const { status, results } = await write(teacher, batch);
      expect(status).toBe(201);
      expect(results.every((result) => result.ok)).toBe(true);
    }

    const pages: { bytes: number; docs: number }[] = [];
    const seen: string[] = [];
    let since = '';
    for (;;) {
      const page = await changes(
        mum,
        `&limit=500${since ? `&since=${encodeURIComponent(since)}` : ''}`,
      );
      pages.push({ bytes: page.bytes, docs: page.results.length });
      seen.push(...page.results.map((row) => row.id));
      if (!page.pending) break;
      since = page.last_seq;
    }
    const largestDoc = JSON.stringify(photos[0]).length + 2000;
    for (const page of pages)
      expect(page.bytes).toBeLessThanOrEqual(MAX_FEED_PAGE_BYTES + largestDoc);
    expect(pages.length).toBeGreaterThanOrEqual(2);
    expect(seen).toEqual(expect.arrayContaining(photos.map((photo) => photo._id)));
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('one request over the body limit is refused whole as too large, so devices split pushes', async () => {
    const minutes = note('album2', 'class-families', { text: 'Ещё фотографии', media: [] });
    const count = Math.ceil(MAX_BODY_BYTES / (BIG_PHOTO_BYTES * 1.34)) + 1;
    const photos = Array.from({ length: count }, (_, index) =>
      media(minutes, `huge${String(index)}`, BIG_PHOTO_BYTES),
    );
    const { status, results } = await write(teacher, photos);
    expect(status).toBe(413);
    expect(results).toMatchObject({ error: 'too_large' });
    expect(await idsOf(teacher)).not.toContain('media:huge0');
  });
});
