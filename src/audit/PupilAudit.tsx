import { useCallback } from 'react';
import { RemoteStatus } from '../online/RemoteStatus';
import { useRemote } from '../online/useRemote';
import { runtime } from '../store/runtime';
import { AuditEntries } from './AuditEntries';

/** The access log of one pupil, asked of the server when shown. */
export function PupilAudit({ pupilId }: { pupilId: string }) {
  const load = useCallback(() => runtime().api.audit(pupilId), [pupilId]);
  const { remote } = useRemote(load);
  return (
    <>
      <RemoteStatus remote={remote} />
      {remote.state === 'ready' && <AuditEntries entries={remote.data} />}
    </>
  );
}
