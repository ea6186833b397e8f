import type { Dispatch, SetStateAction } from 'react';
import { AudioRecorder } from '../media/AudioRecorder';
import { pending, PendingMediaList, type PendingMedia } from '../media/MediaView';
import { PhotoPicker } from '../media/PhotoPicker';

/**
 * Photos and recordings being added to a note: the camera and gallery, the recorder, and what is
 * attached so far with «Убрать». Nothing is stored until the note is saved. `room` is how many
 * more the note may carry. Updates are functional: a photo may finish resizing while a recording
 * ends.
 */
export function MediaAttach({
  items,
  room,
  setItems,
}: {
  items: readonly PendingMedia[];
  room: number;
  setItems: Dispatch<SetStateAction<PendingMedia[]>>;
}) {
  const full = items.length >= room;
  return (
    <>
      <PendingMediaList
        items={items}
        onRemove={(key) => {
          setItems((current) => current.filter((item) => item.key !== key));
        }}
      />
      <PhotoPicker
        disabled={full}
        onPhoto={(photo) => {
          setItems((current) => [...current, pending(photo)]);
        }}
      />
      <AudioRecorder
        disabled={full}
        onAudio={(audio) => {
          setItems((current) => [...current, pending(audio)]);
        }}
      />
    </>
  );
}
