/**
 * Photos and recordings on screen. A stored one is decrypted from the device's store only while
 * it is shown, handed to the browser as an object URL and revoked when it leaves the screen; the
 * bytes never sit in the app's memory of documents (see `inMemory` in src/store/appStore.ts).
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocOf } from '../domain/queries';
import { useDocs } from '../store/hooks';
import { runtime } from '../store/runtime';
import { mediaBlob } from './mediaDoc';
import type { PreparedMedia } from './preparedMedia';
import { formatClock } from './recording';

type MediaMeta = Pick<DocOf<'media'>['body'], 'kind' | 'durationMs' | 'caption'>;

type Loaded = { state: 'loading' } | { state: 'missing' } | { state: 'ready'; url: string };

/** An object URL of a Blob for as long as the component shows it. */
export function useBlobUrl(blob: Blob): string | undefined {
  const [url, setUrl] = useState<string>();
  useEffect(() => {
    const made = URL.createObjectURL(blob);
    setUrl(made);
    return () => {
      URL.revokeObjectURL(made);
    };
  }, [blob]);
  return url;
}

/**
 * A stored photo's or recording's object URL. It loads again when a newer version arrives (the
 * in-memory copy's revision changes), and says 'missing' while the bytes are not on the device.
 */
export function useStoredMediaUrl(mediaId: string, version: string | undefined): Loaded {
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  useEffect(() => {
    let made: string | undefined;
    let live = true;
    runtime()
      .repo.get(mediaId)
      .then((doc) => {
        if (!live) return;
        const body =
          doc?.type === 'media' && !doc._deleted ? (doc.body as DocOf<'media'>['body']) : undefined;
        if (!body?.data) {
          setLoaded({ state: 'missing' });
          return;
        }
        made = URL.createObjectURL(mediaBlob(body));
        setLoaded({ state: 'ready', url: made });
      })
      .catch(() => {
        if (live) setLoaded({ state: 'missing' });
      });
    return () => {
      live = false;
      if (made) URL.revokeObjectURL(made);
    };
  }, [mediaId, version]);
  return loaded;
}

/** One photo or recording at its URL. */
export function MediaPlayer({ meta, url }: { meta: MediaMeta; url: string }) {
  const { t } = useTranslation();
  if (meta.kind === 'photo') {
    const alt = meta.caption ?? t('media.photo');
    return (
      <a href={url} target="_blank" rel="noreferrer">
        <img className="media-photo" src={url} alt={alt} />
      </a>
    );
  }
  const label = t('media.audio', { duration: formatClock(meta.durationMs ?? 0) });
  return (
    <figure>
      <audio controls preload="metadata" src={url} aria-label={label} />
      <figcaption className="hint">{meta.caption ?? label}</figcaption>
    </figure>
  );
}

/** A stored photo or recording by its id; what a family and the teacher see on a note. */
export function StoredMedia({ mediaId }: { mediaId: string }) {
  const { t } = useTranslation();
  const meta = useDocs().get(mediaId) as DocOf<'media'> | undefined;
  const loaded = useStoredMediaUrl(mediaId, meta?._rev ?? meta?.updatedAt);
  if (!meta || loaded.state === 'missing') return <p className="hint">{t('media.notYet')}</p>;
  if (loaded.state === 'loading') return <p className="hint">{t('media.loading')}</p>;
  return <MediaPlayer meta={meta.body} url={loaded.url} />;
}

/** The photos and recordings of a note, in the order the note lists them. */
export function MediaList({ ids }: { ids: readonly string[] }) {
  if (ids.length === 0) return null;
  return (
    <ul className="media-list">
      {ids.map((id) => (
        <li key={id}>
          <StoredMedia mediaId={id} />
        </li>
      ))}
    </ul>
  );
}

/** A photo or recording made but not yet saved, with «Убрать». */
function PendingItem({ media, onRemove }: { media: PreparedMedia; onRemove: () => void }) {
  const { t } = useTranslation();
  const url = useBlobUrl(media.blob);
  const name =
    media.kind === 'photo'
      ? t('media.photo')
      : t('media.audio', { duration: formatClock(media.durationMs ?? 0) });
  return (
    <li>
      {url && <MediaPlayer meta={media} url={url} />}
      <button type="button" onClick={onRemove} aria-label={t('media.removeNamed', { name })}>
        {t('media.remove')}
      </button>
    </li>
  );
}

/** A photo or recording made in a form, keyed for the list until the form is saved. */
export interface PendingMedia {
  key: string;
  media: PreparedMedia;
}

export function pending(media: PreparedMedia): PendingMedia {
  return { key: crypto.randomUUID(), media };
}

/** What will be saved with the note: photos and recordings made in this form. */
export function PendingMediaList({
  items,
  onRemove,
}: {
  items: readonly PendingMedia[];
  onRemove: (key: string) => void;
}) {
  const { t } = useTranslation();
  if (items.length === 0) return null;
  return (
    <ul className="media-list" aria-label={t('media.attached')}>
      {items.map((item) => (
        <PendingItem
          key={item.key}
          media={item.media}
          onRemove={() => {
            onRemove(item.key);
          }}
        />
      ))}
    </ul>
  );
}
