import { useI18n } from '../i18n/i18n';

// The language toggle: shows the other language's name (English / 中文).

export function LanguageSwitch() {
  const { t, locale, setLocale } = useI18n();
  const other = locale === 'en' ? 'zh-CN' : 'en';
  return (
    <button
      type="button"
      className="lang-switch"
      lang={other}
      title={t('lang.switchTitle')}
      data-testid="lang-switch"
      onClick={() => setLocale(other)}
    >
      {t('lang.switch')}
    </button>
  );
}
