import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { createInvitation, HomeroomApiError, type Invitation } from '../admin/homeroomApi';
import { compareByName, fullName } from '../domain/names';
import { ofType } from '../domain/queries';
import { errorText } from '../i18n/errorText';
import { useDocs } from '../store/hooks';

/**
 * A one-time invitation code for a family of the class, shown once as text and as a QR code to
 * print or show: the family sets its password with it and logs in by phone. Online only.
 */
export function InvitationPanel({ classId }: { classId: string }) {
  const { t } = useTranslation();
  const docs = useDocs();
  const guardians = ofType(docs, 'guardian')
    .filter((doc) => doc.classIds.includes(classId))
    .sort((a, b) => compareByName(a.body, b.body));
  const [personId, setPersonId] = useState('');
  const [invitation, setInvitation] = useState<(Invitation & { qr: string }) | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const make = async () => {
    setFailure(null);
    setInvitation(null);
    try {
      const made = await createInvitation(personId);
      const { toDataURL } = await import('qrcode');
      const link = `${location.origin}/?invitation=${encodeURIComponent(made.code)}`;
      setInvitation({ ...made, qr: await toDataURL(link, { margin: 1, width: 240 }) });
    } catch (error) {
      setFailure(errorText(t, error instanceof HomeroomApiError ? error.code : 'internal'));
    }
  };

  return (
    <div className="invitation">
      <h3>{t('invitations.heading')}</h3>
      <label>
        {t('invitations.guardian')}{' '}
        <select
          value={personId}
          onChange={(event) => {
            setPersonId(event.target.value);
          }}
        >
          <option value="">—</option>
          {guardians.map((g) => (
            <option
              key={g._id}
              value={g.personId}
            >{`${fullName(g.body)}, ${g.body.phone ?? ''}`}</option>
          ))}
        </select>
      </label>
      <button
        type="button"
        disabled={!personId}
        onClick={() => {
          void make();
        }}
      >
        {t('invitations.make')}
      </button>
      {failure && <p role="alert">{failure}</p>}
      {invitation && (
        <figure className="invitation-card">
          <img src={invitation.qr} alt={t('invitations.qr')} width={240} height={240} />
          <figcaption>
            <strong className="invitation-code">{invitation.code}</strong>
            <br />
            {t('invitations.login', { login: invitation.logins.join(', ') })}
            <br />
            {t('invitations.expires', { date: invitation.expiresAt.slice(0, 10) })}
          </figcaption>
          <button
            type="button"
            onClick={() => {
              window.print();
            }}
          >
            {t('invitations.print')}
          </button>
        </figure>
      )}
    </div>
  );
}
