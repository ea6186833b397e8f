import { useTranslation } from 'react-i18next';
import { fullName } from '../domain/names';
import type { DocOf } from '../domain/queries';
import type { NoteAudience } from './noteDocs';

const AUDIENCES: readonly NoteAudience[] = ['staff', 'class-families', 'family'];

export function audienceLabelKey(audience: string): string {
  if (audience === 'staff') return 'notes.staff';
  if (audience === 'family') return 'notes.family';
  return 'notes.classFamilies';
}

/**
 * Who a note is for: staff only, the families of the class, or one family, chosen by its pupil.
 * `name` keeps two pickers on one screen apart.
 */
export function AudiencePicker({
  name,
  audience,
  pupilId,
  pupils,
  onChange,
}: {
  name: string;
  audience: NoteAudience;
  pupilId: string;
  pupils: readonly DocOf<'pupil'>[];
  onChange: (audience: NoteAudience, pupilId: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <fieldset>
      <legend>{t('notes.audience')}</legend>
      {AUDIENCES.map((value) => (
        <label key={value} className="choice">
          <input
            type="radio"
            name={name}
            value={value}
            checked={audience === value}
            onChange={() => {
              onChange(value, pupilId);
            }}
          />
          {t(audienceLabelKey(value))}
        </label>
      ))}
      {audience === 'family' && (
        <label>
          {t('notes.pupil')}
          <select
            required
            value={pupilId}
            onChange={(event) => {
              onChange('family', event.target.value);
            }}
          >
            <option value="">{t('notes.choosePupil')}</option>
            {pupils.map((pupil) => (
              <option key={pupil._id} value={pupil.pupilId}>
                {fullName(pupil.body)}
              </option>
            ))}
          </select>
        </label>
      )}
    </fieldset>
  );
}
