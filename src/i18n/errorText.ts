import type { TFunction } from 'i18next';
import { isErrorCode } from '../domain/errors';

const LOCAL_CODES = new Set(['network', 'wrongPassword', 'badLogin', 'firstLoginOffline']);

/** Text telling the user what to do about an error code from the registry or the client. */
export function errorText(t: TFunction, code: string): string {
  return isErrorCode(code) || LOCAL_CODES.has(code) ? t(`errors.${code}`) : t('errors.unknown');
}
