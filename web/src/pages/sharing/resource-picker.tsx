import { useState, type FormEvent } from 'react';
import { searchResources, type ResourceSummary } from '../../api/catalogue';
import { useResource } from '../../api/use-resource';
import { AsyncView } from '../../components/async-view';
import { LevelBadge } from '../../components/level-badge';
import { useI18n } from '../../i18n/i18n';
import { useSession } from '../../layout/session-context';

// Step 1 of the wizard: find published resources in the catalogue (the same keyword search as 资源目录) and
// add several to the application. Resources of the consumer's own organisation are not offered — it does not
// apply for its own data — and 不予共享 resources are shown but cannot be added.

const LIMIT = 10;

export function ResourcePicker({
  picked,
  onAdd,
}: {
  picked: readonly string[];
  onAdd: (r: ResourceSummary) => void;
}) {
  const { t, label } = useI18n();
  const orgId = useSession().user.orgId;
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  const found = useResource(
    () => searchResources({ q: q || undefined, scope: 'published', limit: LIMIT }),
    q,
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setQ(text.trim());
  };
  return (
    <section className="card" data-testid="resource-picker">
      <h3>{t('sharing.apply.step1')}</h3>
      <form className="search-box" role="search" onSubmit={submit}>
        <input
          type="search"
          value={text}
          placeholder={t('catalogue.browse.searchPlaceholder')}
          aria-label={t('common.search')}
          maxLength={200}
          onChange={(e) => setText(e.target.value)}
          data-testid="picker-search"
        />
        <button type="submit" className="btn btn-secondary" data-testid="picker-search-submit">
          {t('common.search')}
        </button>
      </form>
      <AsyncView resource={found}>
        {(r) => {
          const offered = r.items.filter((i) => i.provider.id !== orgId);
          return offered.length === 0 ? (
            <p className="empty-state">{t('sharing.apply.noResults')}</p>
          ) : (
            <ul className="picker-list" aria-busy={found.loading}>
              {offered.map((i) => {
                const added = picked.includes(i.id);
                return (
                  <li key={i.id} className="picker-row" data-testid="picker-row" data-code={i.code}>
                    <span className="picker-name">{i.name}</span>
                    <span className="muted">{i.provider.name ?? t('catalogue.browse.unknownProvider')}</span>
                    <LevelBadge level={i.level} />
                    <span className={`tag share-${i.shareType}`}>
                      {label('catalogue.shareType.', i.shareType)}
                    </span>
                    <button
                      type="button"
                      className="btn btn-secondary btn-small"
                      disabled={added || i.shareType === 'none'}
                      onClick={() => onAdd(i)}
                      data-testid="picker-add"
                    >
                      {added ? t('sharing.apply.added') : t('sharing.apply.add')}
                    </button>
                  </li>
                );
              })}
            </ul>
          );
        }}
      </AsyncView>
    </section>
  );
}
