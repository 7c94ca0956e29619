import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { en } from './en';
import { zhCN, type Dictionary, type MessageKey } from './zh-CN';

// Language: zh-CN by default, English on request; the choice is kept in localStorage.

export type Locale = 'zh-CN' | 'en';
const STORAGE_KEY = 'orderly.locale';
const DICTIONARIES: Record<Locale, Dictionary> = { 'zh-CN': zhCN, en };

/** Translates a key, filling {placeholders}. */
export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

interface I18n {
  locale: Locale;
  setLocale: (l: Locale) => void;
  t: Translate;
  /** Translates `${prefix}${value}` when such a key exists (levels, roles, codes), else returns the value. */
  label: (prefix: string, value: string) => string;
  /** Formats an ISO timestamp in the current language. */
  dateTime: (iso: string | null | undefined) => string;
}

const I18nContext = createContext<I18n | null>(null);

function initialLocale(): Locale {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

/** True when a string is a message key. */
export function isMessageKey(k: string): k is MessageKey {
  return Object.prototype.hasOwnProperty.call(zhCN, k);
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);

  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = `${DICTIONARIES[locale]['app.name']} · ${DICTIONARIES[locale]['app.title']}`;
  }, [locale]);

  const setLocale = useCallback((l: Locale) => {
    try {
      localStorage.setItem(STORAGE_KEY, l);
    } catch {
      // Storage may be unavailable (private mode); the choice then lasts for this page only.
    }
    setLocaleState(l);
  }, []);

  const value = useMemo<I18n>(() => {
    const dict = DICTIONARIES[locale];
    const t: Translate = (key, vars) =>
      dict[key].replace(/\{(\w+)\}/g, (m, name: string) => (vars && name in vars ? String(vars[name]) : m));
    const fmt = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' });
    return {
      locale,
      setLocale,
      t,
      label: (prefix, v) => {
        const k = `${prefix}${v}`;
        return isMessageKey(k) ? dict[k] : v;
      },
      dateTime: (iso) => (iso ? fmt.format(new Date(iso)) : dict['common.none']),
    };
  }, [locale, setLocale]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/** The current language and its helpers. */
export function useI18n(): I18n {
  const v = useContext(I18nContext);
  if (!v) throw new Error('useI18n outside I18nProvider');
  return v;
}
