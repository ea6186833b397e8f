import { describe, expect, it } from 'vitest';
import { canRead, type Scope } from '../domain/access';
import type { DocOf } from '../domain/queries';
import { MAX_MEDIA_BYTES, validateDoc } from '../domain/schemas';
import { base64ToBytes, buildMediaDoc, bytesToBase64, mediaBlob } from './mediaDoc';
import type { PreparedMedia } from './preparedMedia';

const note: DocOf<'note'> = {
  _id: 'note:n1',
  type: 'note',
  schoolId: 'school-1',
  classIds: ['class-10b'],
  eventId: 'e1',
  audience: 'class-families',
  date: '2026-12-10',
  updatedAt: '2026-12-10T15:00:00.000Z',
  updatedBy: 'staff-1',
  body: { kind: 'minutes', text: '', media: [] },
};

function prepared(bytes: number, kind: PreparedMedia['kind'] = 'photo'): PreparedMedia {
  const data = new Uint8Array(bytes).map((_, index) => index % 251);
  return kind === 'photo'
    ? { kind, mime: 'image/jpeg', blob: new Blob([data]), bytes, width: 1600, height: 1200 }
    : { kind, mime: 'audio/webm;codecs=opus', blob: new Blob([data]), bytes, durationMs: 4200.4 };
}

function scope(patch: Partial<Scope>): Scope {
  return {
    schoolId: 'school-1',
    personId: 'p',
    admin: false,
    staff: false,
    classes: new Set(),
    children: new Set(),
    childClasses: new Set(),
    teaches: new Set(),
    leads: new Set(),
    ...patch,
  };
}

describe('a media document', () => {
  it('is routed as its note and passes validation', async () => {
    const media = await buildMediaDoc(note, prepared(1000), { uuid: 'm1', caption: ' Доска ' });
    expect(media).toMatchObject({
      _id: 'media:m1',
      type: 'media',
      schoolId: 'school-1',
      classIds: ['class-10b'],
      eventId: 'e1',
      audience: 'class-families',
      date: '2026-12-10',
      body: {
        kind: 'photo',
        mime: 'image/jpeg',
        bytes: 1000,
        parentId: 'note:n1',
        caption: 'Доска',
      },
    });
    expect(validateDoc({ ...media, updatedAt: note.updatedAt }).ok).toBe(true);
  });

  it('a family note’s recording reaches that family and not another class', async () => {
    const familyNote = { ...note, audience: 'family' as const, pupilId: 'pupil-1' };
    const media = await buildMediaDoc(familyNote, prepared(500, 'audio'));
    expect(media.pupilId).toBe('pupil-1');
    expect(media.body.durationMs).toBe(4200);
    expect(validateDoc({ ...media, updatedAt: note.updatedAt }).ok).toBe(true);
    const ownFamily = scope({
      children: new Set(['pupil-1']),
      childClasses: new Set(['class-10b']),
    });
    const classmate = scope({
      children: new Set(['pupil-2']),
      childClasses: new Set(['class-10b']),
    });
    const otherClass = scope({
      children: new Set(['pupil-9']),
      childClasses: new Set(['class-5a']),
    });
    expect(canRead(ownFamily, media)).toBe(true);
    expect(canRead(classmate, media)).toBe(false);
    expect(canRead(otherClass, media)).toBe(false);
  });

  it('keeps the bytes exactly through base64', async () => {
    const media = await buildMediaDoc(note, prepared(70_000));
    const back = base64ToBytes(media.body.data);
    expect(back.length).toBe(70_000);
    expect(back[69_999]).toBe(69_999 % 251);
    expect((await mediaBlob(media.body).arrayBuffer()).byteLength).toBe(70_000);
    expect(mediaBlob(media.body).type).toBe('image/jpeg');
    expect(bytesToBase64(new Uint8Array([0xff, 0xfe, 0x00]))).toBe('//4A');
  });

  it('a file at the limit is stored; one byte more is refused before it reaches the outbox', async () => {
    const atLimit = await buildMediaDoc(note, prepared(MAX_MEDIA_BYTES));
    expect(validateDoc({ ...atLimit, updatedAt: note.updatedAt }).ok).toBe(true);
    await expect(buildMediaDoc(note, prepared(MAX_MEDIA_BYTES + 1))).rejects.toMatchObject({
      code: 'photo_too_large',
    });
    await expect(buildMediaDoc(note, prepared(MAX_MEDIA_BYTES + 1, 'audio'))).rejects.toMatchObject(
      { code: 'audio_too_large' },
    );
  });
});
