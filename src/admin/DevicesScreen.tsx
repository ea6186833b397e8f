import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../i18n/errorText';
import { RemoteStatus } from '../online/RemoteStatus';
import { useRemote } from '../online/useRemote';
import { runtime } from '../store/runtime';
import { ApiError, type DeviceInfo } from '../sync/couchApi';
import { BackHome } from './BackHome';
import { BlockDialog } from './BlockDialog';
import { DeviceRow } from './DeviceRow';

/** The school's devices, each with a way to block it when it is lost. Online only. */
export function DevicesScreen() {
  const { t } = useTranslation();
  const load = useCallback(() => runtime().api.devices(), []);
  const { remote, reload } = useRemote(load);
  const [blocking, setBlocking] = useState<DeviceInfo | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const own = runtime().deviceId;

  const block = (device: DeviceInfo) => {
    setBlocking(null);
    setFailure(null);
    runtime()
      .api.blockDevice(device.deviceId)
      .then(reload, (error: unknown) => {
        setFailure(error instanceof ApiError ? error.code : 'internal');
      });
  };

  return (
    <section className="card" aria-labelledby="devices-title">
      <BackHome />
      <h2 id="devices-title">{t('devices.heading')}</h2>
      <RemoteStatus remote={remote} />
      {failure && (
        <p className="error" role="alert">
          {errorText(t, failure)}
        </p>
      )}
      {remote.state === 'ready' && remote.data.length === 0 && (
        <p className="empty">{t('devices.none')}</p>
      )}
      {remote.state === 'ready' && (
        <ul className="devices">
          {remote.data.map((device) => (
            <DeviceRow
              key={`${device.deviceId}-${device.personId}`}
              device={device}
              own={device.deviceId === own}
              onBlock={() => {
                setBlocking(device);
              }}
            />
          ))}
        </ul>
      )}
      {blocking && (
        <BlockDialog
          name={blocking.name ?? blocking.login ?? blocking.deviceId}
          ownDevice={blocking.deviceId === own}
          onConfirm={() => {
            block(blocking);
          }}
          onClose={() => {
            setBlocking(null);
          }}
        />
      )}
    </section>
  );
}
