import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { savePortfolioPdf } from '../reports/saveEventPdf';
import { useDocs, useSchool } from '../store/hooks';

/**
 * The characterisation drafted from the year's record, to edit, then the portfolio PDF. Keyed by
 * the pupil where it is used, so another pupil never inherits an edited draft.
 */
export function PupilPortfolio({ pupilId }: { pupilId: string }) {
  const { t } = useTranslation();
  const docs = useDocs();
  const school = useSchool();
  const [text, setText] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  const year = school ? { name: t('reports.year'), ...school.body.schoolYear } : undefined;

  const draft = () => {
    if (!year) return;
    import('../reports/portfolio').then(
      ({ portfolioFacts, draftCharacterisation }) => {
        const facts = portfolioFacts(docs, pupilId, year);
        setText(facts ? draftCharacterisation(facts) : '');
      },
      () => {
        setFailed(true);
      },
    );
  };
  const print = () => {
    if (!year || !school) return;
    setFailed(false);
    savePortfolioPdf(docs, pupilId, year, text ?? '', school.body.name).catch(() => {
      setFailed(true);
    });
  };

  return (
    <section className="portfolio" aria-labelledby="portfolio-title">
      <h3 id="portfolio-title">{t('reports.portfolio')}</h3>
      {text === null ? (
        <button type="button" onClick={draft}>
          {t('pupils.draftCharacterisation')}
        </button>
      ) : (
        <>
          <label>
            {t('reports.characterisation')}
            <textarea
              rows={8}
              value={text}
              onChange={(event) => {
                setText(event.target.value);
              }}
            />
          </label>
          <button type="button" className="primary" onClick={print}>
            {t('reports.portfolioPdf')}
          </button>
        </>
      )}
      {failed && <p role="alert">{t('reports.failed')}</p>}
    </section>
  );
}
