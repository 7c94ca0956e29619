import { useState, type FormEvent } from 'react';
import { useI18n } from '../i18n/i18n';

// A keyword search that submits on Enter or the button (the list pages pass it to the API as ?q=).

export function SearchBox({ onSearch }: { onSearch: (q: string) => void }) {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSearch(q.trim());
  };
  return (
    <form className="search-box" role="search" onSubmit={submit}>
      <input
        type="search"
        value={q}
        placeholder={t('common.searchPlaceholder')}
        aria-label={t('common.search')}
        maxLength={100}
        onChange={(e) => setQ(e.target.value)}
      />
      <button type="submit" className="btn btn-secondary">
        {t('common.search')}
      </button>
    </form>
  );
}
