import { describe, expect, it } from 'vitest';
import { createI18n } from '../i18n/i18n';
import { statusText } from './statusText';
import type { SyncSnapshot } from './syncClient';

const clean: SyncSnapshot = {
  state: 'idle',
  pending: 0,
  rejected: null,
  error: null,
  lastSyncedAt: Date.UTC(2026, 8, 7, 5, 40),
};

describe('status line', () => {
  it.each([
    [1, '1 изменение не отправлено'],
    [2, '2 изменения не отправлены'],
    [3, '3 изменения не отправлены'],
    [5, '5 изменений не отправлено'],
    [11, '11 изменений не отправлено'],
    [21, '21 изменение не отправлено'],
    [22, '22 изменения не отправлены'],
    [25, '25 изменений не отправлено'],
    [111, '111 изменений не отправлено'],
  ])('says %i in proper Russian plural', async (count, text) => {
    const i18n = await createI18n('ru', false);
    expect(statusText(i18n.t, { ...clean, pending: count }, 'ru')).toBe(text);
  });

  it("tells the time of the last sync on the school's clock, whatever the device's zone", async () => {
    const i18n = await createI18n('ru', false);
    // 08:15 on 2 September in Vladivostok; 15:15 the day before in Los Angeles.
    const synced = { ...clean, lastSyncedAt: Date.UTC(2026, 8, 1, 22, 15) };
    expect(statusText(i18n.t, synced, 'ru', 'Asia/Vladivostok')).toBe('Всё отправлено, 08:15');
    expect(statusText(i18n.t, synced, 'ru', 'Europe/Moscow')).toBe('Всё отправлено, 01:15');
  });

  it('uses English plurals in English', async () => {
    const i18n = await createI18n('en', false);
    expect(statusText(i18n.t, { ...clean, pending: 1 }, 'en')).toBe('1 change not sent');
    expect(statusText(i18n.t, { ...clean, pending: 4 }, 'en')).toBe('4 changes not sent');
  });

  it('says all sent with the time only when nothing is pending and nothing failed', async () => {
    const i18n = await createI18n('ru', false);
    const time = new Intl.DateTimeFormat('ru-RU', {
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(new Date(clean.lastSyncedAt ?? 0));
    expect(statusText(i18n.t, clean, 'ru')).toBe(`Всё отправлено, ${time}`);

    for (const broken of [
      { ...clean, error: 'internal' as const },
      { ...clean, state: 'offline' as const },
      { ...clean, state: 'pushing' as const },
      { ...clean, rejected: 'forbidden' as const, pending: 1 },
    ]) {
      expect(statusText(i18n.t, broken, 'ru')).not.toContain('Всё отправлено');
    }
    expect(statusText(i18n.t, { ...clean, rejected: 'forbidden', pending: 1 }, 'ru')).toContain(
      'нет прав',
    );
  });

  it('reads as sentences after a refusal: capitals, one full stop each', async () => {
    const i18n = await createI18n('ru', false);
    const refused = {
      ...clean,
      rejected: 'forbidden' as const,
      pending: 1,
      state: 'pulling' as const,
    };
    expect(statusText(i18n.t, refused, 'ru')).toBe(
      '1 изменение не отправлено. Сервер не принял: у вашей роли нет прав на это. ' +
        'Обратитесь к администрации школы. Синхронизация…',
    );
    const en = await createI18n('en', false);
    const text = statusText(en.t, { ...refused, state: 'idle' }, 'en');
    expect(text).toBe(
      '1 change not sent. Refused by the server: your role may not do this. Ask the school administration.',
    );
    expect(text).not.toMatch(/\.\./);
  });
});
