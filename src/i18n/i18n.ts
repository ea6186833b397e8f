/** i18next set up with Russian by default; the choice of language alone is remembered. */
import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { ru } from './ru';

export const LANGUAGES = ['ru', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** The only thing Homeroom keeps in localStorage: the language, nothing personal. */
export const LANGUAGE_KEY = 'homeroom.lang';

export function storedLanguage(): Language {
  try {
    return globalThis.localStorage.getItem(LANGUAGE_KEY) === 'en' ? 'en' : 'ru';
  } catch {
    return 'ru';
  }
}

export async function createI18n(language: Language, withReact = true): Promise<i18n> {
  const instance = i18next.createInstance();
  if (withReact) instance.use(initReactI18next);
  await instance.init({
    lng: language,
    fallbackLng: 'ru',
    resources: { ru: { translation: ru }, en: { translation: en } },
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return instance;
}

export async function switchLanguage(instance: i18n, language: Language): Promise<void> {
  try {
    globalThis.localStorage.setItem(LANGUAGE_KEY, language);
  } catch {
    // Private mode may refuse storage; the switch still applies to this visit.
  }
  document.documentElement.lang = language;
  await instance.changeLanguage(language);
}
