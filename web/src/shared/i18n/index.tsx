// Language state (Danish default, English available), persisted in localStorage, and the typed translate function.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { da, type Catalogue, type MessageKey } from './da.ts';
import { en } from './en.ts';

export type { MessageKey } from './da.ts';

/** The languages the UI speaks. */
export type Language = 'da' | 'en';

const catalogues: Record<Language, Catalogue> = { da, en };
const storageKey = 'skjold.language';

/** Values substituted into {placeholders} of a message. */
export type MessageValues = Record<string, string | number>;

/** Translates a key in the current language, filling {placeholders} from values. */
export type Translate = (key: MessageKey, values?: MessageValues) => string;

interface I18nContextValue {
  language: Language;
  setLanguage(language: Language): void;
  t: Translate;
}

const I18nContext = createContext<I18nContextValue | null>(null);

function readStoredLanguage(): Language {
  try {
    const stored = window.localStorage.getItem(storageKey);
    return stored === 'en' || stored === 'da' ? stored : 'da';
  } catch {
    return 'da';
  }
}

/** Fills {name} placeholders in a message. */
export function format(message: string, values?: MessageValues): string {
  if (!values) return message;
  return message.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/** Provides the current language and translate function; keeps <html lang> in step. */
export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(readStoredLanguage);

  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);

  const setLanguage = useCallback((next: Language) => {
    setLanguageState(next);
    try {
      window.localStorage.setItem(storageKey, next);
    } catch {
      // Storage may be unavailable (private mode); the choice then lasts for this page only.
    }
  }, []);

  const value = useMemo<I18nContextValue>(() => {
    const catalogue = catalogues[language];
    return { language, setLanguage, t: (key, values) => format(catalogue[key] ?? key, values) };
  }, [language, setLanguage]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/** The current language, its setter and the translate function. */
export function useI18n(): I18nContextValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n must be used inside <I18nProvider>');
  return value;
}

/** Shorthand for the translate function of the current language. */
export function useT(): Translate {
  return useI18n().t;
}
