import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { classOf } from '../domain/queries';
import { loadFonts, savePdf } from '../reports/reportFiles';
import { useDocs, useSchool } from '../store/hooks';

/** «Карточки для отметки по QR»: a PDF of every pupil's card, made on the device, offline too. */
export function CheckInCardsButton({ classId }: { classId: string }) {
  const { t } = useTranslation();
  const docs = useDocs();
  const school = useSchool();
  const [failed, setFailed] = useState(false);
  const className = classOf(docs, classId)?.body.name ?? '';

  const make = async () => {
    setFailed(false);
    const { cardsOfClass, checkInCardsPdf } = await import('./cardsPdf');
    const cards = cardsOfClass(docs, classId, school?.body.shortName ?? '');
    savePdf(await checkInCardsPdf(await loadFonts(), cards), `QR-карточки ${className}.pdf`);
  };

  return (
    <div className="check-in-cards">
      <h3>{t('checkIn.cardsHeading')}</h3>
      <p className="hint">{t('checkIn.cardsHint')}</p>
      <button
        type="button"
        onClick={() => {
          make().catch(() => {
            setFailed(true);
          });
        }}
      >
        {t('checkIn.cardsPdf')}
      </button>
      {failed && <p role="alert">{t('reports.failed')}</p>}
    </div>
  );
}
