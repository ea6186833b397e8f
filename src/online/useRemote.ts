import { useCallback, useEffect, useState } from 'react';
import type { ErrorCode } from '../domain/errors';
import { ApiError } from '../sync/couchApi';
import { useOnline } from './useOnline';

export type Remote<T> =
  | { state: 'loading' }
  | { state: 'offline' }
  | { state: 'failed'; code: ErrorCode | 'network' }
  | { state: 'ready'; data: T };

/**
 * Data that lives only on the server (devices, the access log): asked for when the screen opens
 * and again when the network comes back; never stored on the device.
 */
export function useRemote<T>(load: (() => Promise<T>) | null): {
  remote: Remote<T>;
  reload: () => void;
} {
  const online = useOnline();
  const [remote, setRemote] = useState<Remote<T>>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (!load) return;
    if (!online) {
      setRemote({ state: 'offline' });
      return;
    }
    let current = true;
    setRemote({ state: 'loading' });
    load().then(
      (data) => {
        if (current) setRemote({ state: 'ready', data });
      },
      (error: unknown) => {
        if (!current) return;
        const code = error instanceof ApiError ? error.code : 'internal';
        setRemote(code === 'network' ? { state: 'offline' } : { state: 'failed', code });
      },
    );
    return () => {
      current = false;
    };
  }, [load, online, attempt]);

  const reload = useCallback(() => {
    setAttempt((value) => value + 1);
  }, []);
  return { remote, reload };
}
