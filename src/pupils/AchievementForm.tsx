import { useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { shortName } from '../domain/names';
import type { DocOf } from '../domain/queries';
import { MAX_NOTE_CHARS } from '../domain/schemas';
import { addAchievement } from '../events/recordActions';
import { errorText } from '../i18n/errorText';
import { useDocs, useMe, useToday } from '../store/hooks';

type Audience = 'staff' | 'family';

/** Records an achievement: title, date, description, and whether the family sees it. */
export function AchievementForm({ pupil }: { pupil: DocOf<'pupil'> }) {
  const { t } = useTranslation();
  const docs = useDocs();
  const me = useMe();
  const today = useToday();
  const [title, setTitle] = useState('');
  const [date, setDate] = useState(today);
  const [text, setText] = useState('');
  const [audience, setAudience] = useState<Audience>('family');
  const [failed, setFailed] = useState(false);

  const submit = (formEvent: SyntheticEvent) => {
    formEvent.preventDefault();
    const author = docs.get(`staff:${me}`) as DocOf<'staff'> | undefined;
    const input = { title, date, text, audience, authorName: author && shortName(author.body) };
    setFailed(false);
    addAchievement(pupil, input)
      .then(() => {
        setTitle('');
        setText('');
      })
      .catch(() => {
        setFailed(true);
      });
  };

  return (
    <form onSubmit={submit} aria-label={t('pupils.addAchievement')}>
      <label>
        {t('pupils.achievementTitle')}
        <input
          required
          maxLength={300}
          value={title}
          onChange={(e) => {
            setTitle(e.target.value);
          }}
        />
      </label>
      <label>
        {t('pupils.achievementDate')}
        <input
          type="date"
          value={date}
          onChange={(e) => {
            setDate(e.target.value);
          }}
        />
      </label>
      <label>
        {t('pupils.achievementText')}
        <textarea
          maxLength={MAX_NOTE_CHARS}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
          }}
        />
      </label>
      <fieldset>
        <legend>{t('notes.audience')}</legend>
        {(['family', 'staff'] as const).map((value) => (
          <label key={value} className="choice">
            <input
              type="radio"
              name="achievement-audience"
              value={value}
              checked={audience === value}
              onChange={() => {
                setAudience(value);
              }}
            />
            {value === 'staff' ? t('notes.staff') : t('notes.family')}
          </label>
        ))}
      </fieldset>
      {failed && (
        <p className="error" role="alert">
          {errorText(t, 'invalid_doc')}
        </p>
      )}
      <button type="submit" className="primary">
        {t('pupils.addAchievement')}
      </button>
    </form>
  );
}
