import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fullName } from '../domain/names';
import { pupilsOf } from '../domain/queries';
import { useDocs, useSchool } from '../store/hooks';
import type { Period } from './attendanceTable';
import { loadFonts, savePdf } from './reportFiles';

/** A pupil's portfolio: the draft characterisation to edit, then the PDF. */
export function PortfolioPanel({ classId, period }: { classId: string; period: Period }) {
  const { t } = useTranslation();
  const docs = useDocs();
  const school = useSchool();
  const [pupilId, setPupilId] = useState('');
  const [text, setText] = useState('');

  const draft = (id: string) => {
    setPupilId(id);
    void import('./portfolio').then(({ portfolioFacts, draftCharacterisation }) => {
      const facts = portfolioFacts(docs, id, period);
      setText(facts ? draftCharacterisation(facts) : '');
    });
  };
  const print = async () => {
    const { portfolioFacts, portfolioPdf } = await import('./portfolio');
    const facts = portfolioFacts(docs, pupilId, period);
    if (!facts || !school) return;
    const pdf = await portfolioPdf(await loadFonts(), facts, text, school.body.name);
    savePdf(pdf, `Портфолио ${fullName(facts.pupil.body)}.pdf`);
  };

  return (
    <div className="portfolio">
      <h3>{t('reports.portfolio')}</h3>
      <label>
        {t('reports.pupil')}{' '}
        <select
          value={pupilId}
          onChange={(event) => {
            draft(event.target.value);
          }}
        >
          <option value="">—</option>
          {pupilsOf(docs, [classId]).map((pupil) => (
            <option key={pupil._id} value={pupil.pupilId}>
              {fullName(pupil.body)}
            </option>
          ))}
        </select>
      </label>
      {pupilId && (
        <>
          <label>
            {t('reports.characterisation')}
            <textarea
              rows={10}
              value={text}
              onChange={(event) => {
                setText(event.target.value);
              }}
            />
          </label>
          <button
            type="button"
            onClick={() => {
              void print();
            }}
          >
            {t('reports.portfolioPdf')}
          </button>
        </>
      )}
    </div>
  );
}
