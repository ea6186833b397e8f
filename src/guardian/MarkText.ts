import type { TFunction } from 'i18next';
import type { Mark } from '../domain/attendance';
import { markWords, type DocOf } from '../domain/queries';

/** i18next context for the past-tense forms: «отсутствовал» or «отсутствовала». */
export function genderOf(pupil: DocOf<'pupil'> | undefined): 'male' | 'female' | undefined {
  if (pupil?.body.sex === 'M') return 'male';
  if (pupil?.body.sex === 'F') return 'female';
  return undefined;
}

/** A mark in words for a family: «отсутствовал, болел», «опоздала», «присутствовал». */
export function markText(t: TFunction, mark: Mark, pupil: DocOf<'pupil'> | undefined): string {
  const context = genderOf(pupil);
  return t(`mark.${markWords(mark)}`, context ? { context } : {});
}

/** A pupil without a mark yet: «не отмечен», «не отмечена». */
export function unmarkedText(t: TFunction, pupil: DocOf<'pupil'> | undefined): string {
  const context = genderOf(pupil);
  return t('rollCall.unmarked', context ? { context } : {});
}
