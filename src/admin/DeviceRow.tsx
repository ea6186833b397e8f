import { useTranslation } from 'react-i18next';
import { formatMoment } from '../audit/auditRows';
import { useSchool } from '../store/hooks';
import type { DeviceInfo } from '../sync/couchApi';

interface Props {
  device: DeviceInfo;
  own: boolean;
  onBlock: () => void;
}

/** One device: whose it is, when it was first and last seen, and whether it is blocked. */
export function DeviceRow({ device, own, onBlock }: Props) {
  const { t, i18n } = useTranslation();
  const timeZone = useSchool()?.body.timeZone ?? 'Europe/Moscow';
  const who = device.name ?? device.login ?? t('audit.unknownPerson');
  const when = (iso: string) => formatMoment(iso, i18n.language, timeZone);

  return (
    <li className="device" data-blocked={device.blocked}>
      <span className="event-title">
        {who}
        {own ? ` · ${t('devices.own')}` : ''}
      </span>
      {device.name && device.login && <span className="event-when">{device.login}</span>}
      <span className="event-when">
        {t('devices.seen', { first: when(device.firstSeen), last: when(device.lastSeen) })}
      </span>
      <span className="event-when">{t('audit.device', { id: device.deviceId.slice(0, 6) })}</span>
      {device.blocked ? (
        <strong className="blocked">{t('devices.blocked')}</strong>
      ) : (
        <button
          type="button"
          className="danger"
          aria-label={t('devices.blockLabel', { name: who })}
          onClick={onBlock}
        >
          {t('devices.block')}
        </button>
      )}
    </li>
  );
}
