import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { EVIDENCE, REASONS, STATUSES, type Mark } from '../domain/attendance';

interface Props {
  draft: Mark;
  /** Whether the school's rules excuse the draft, shown beside the flag the teacher may change. */
  proposedExcused: boolean;
  onChange: (fields: Partial<Omit<Mark, 'excused'>>) => void;
  onExcused: (excused: boolean) => void;
}

/** Status, reason, evidence and excused of a mark, each from the model's own list. */
export function MarkFields({ draft, proposedExcused, onChange, onExcused }: Props) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <details className="mark-fields">
      <summary>{t('markSheet.details')}</summary>
      <label htmlFor={`${id}-status`}>{t('markSheet.status')}</label>
      <select
        id={`${id}-status`}
        value={draft.status}
        onChange={(e) => {
          onChange({ status: e.target.value as Mark['status'] });
        }}
      >
        {STATUSES.map((status) => (
          <option key={status} value={status}>
            {t(`attendanceStatus.${status}`)}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-reason`}>{t('markSheet.reason')}</label>
      <select
        id={`${id}-reason`}
        value={draft.reason}
        onChange={(e) => {
          onChange({ reason: e.target.value as Mark['reason'] });
        }}
      >
        {REASONS.map((reason) => (
          <option key={reason} value={reason}>
            {t(`attendanceReason.${reason}`)}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-evidence`}>{t('markSheet.evidence')}</label>
      <select
        id={`${id}-evidence`}
        value={draft.evidence}
        onChange={(e) => {
          onChange({ evidence: e.target.value as Mark['evidence'] });
        }}
      >
        {EVIDENCE.map((evidence) => (
          <option key={evidence} value={evidence}>
            {t(`attendanceEvidence.${evidence}`)}
          </option>
        ))}
      </select>
      <label className="choice">
        <input
          type="checkbox"
          checked={draft.excused}
          onChange={(e) => {
            onExcused(e.target.checked);
          }}
        />
        {t('markSheet.excused')}
      </label>
      <p className="hint">
        {t('markSheet.excusedProposed', {
          value: t(proposedExcused ? 'markSheet.yes' : 'markSheet.no'),
        })}
      </p>
    </details>
  );
}
