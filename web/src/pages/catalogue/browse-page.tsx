import { useEffect, useState, type FormEvent } from 'react';
import { FACETS, searchResources, type SearchScope, type SearchSort } from '../../api/catalogue';
import { useResource } from '../../api/use-resource';
import { AsyncView } from '../../components/async-view';
import { FilterSelect } from '../../components/filter-select';
import { useI18n } from '../../i18n/i18n';
import { useHasRole } from '../../layout/session-context';
import { Link } from '../../nav/router';
import { FacetPanel, type Filters } from './facet-panel';
import { ResourceList } from './resource-list';

// 资源目录 (everyone) and 我的目录 (stewards): keyword search — two Chinese characters are enough, synonyms
// included — with facets and paging. The query, filters, sort and page live in the address (?q=…&level=…),
// so a result list can be linked and "back" from a resource returns to it.

const PAGE = 20;
const SORTS: SearchSort[] = ['relevance', 'name', 'published', 'code'];

interface BrowseState {
  q: string;
  filters: Filters;
  sort: SearchSort | '';
  page: number;
}

function readState(): BrowseState {
  const p = new URLSearchParams(window.location.search);
  const filters: Filters = {};
  for (const f of FACETS) {
    const v = p.get(f);
    if (v) filters[f] = v.split(',').filter(Boolean);
  }
  const sort = p.get('sort') ?? '';
  return {
    q: p.get('q') ?? '',
    filters,
    sort: (SORTS as string[]).includes(sort) ? (sort as SearchSort) : '',
    page: Math.max(0, Number(p.get('page') ?? 1) - 1) || 0,
  };
}

function writeState(s: BrowseState): void {
  const p = new URLSearchParams();
  if (s.q) p.set('q', s.q);
  for (const f of FACETS) if (s.filters[f]?.length) p.set(f, s.filters[f].join(','));
  if (s.sort) p.set('sort', s.sort);
  if (s.page > 0) p.set('page', String(s.page + 1));
  const query = p.toString();
  const url = `${window.location.pathname}${query ? `?${query}` : ''}`;
  if (url !== `${window.location.pathname}${window.location.search}`)
    window.history.replaceState(null, '', url);
}

/** The published catalogue, for every signed-in user. */
export function CatalogueBrowsePage() {
  const { t } = useI18n();
  return (
    <div className="page-catalogue">
      <p className="page-hint">{t('catalogue.browse.hint')}</p>
      <ResourceBrowser scope="published" />
    </div>
  );
}

/** The steward's own organisation's resources, in every state. */
export function MyCataloguePage() {
  const { t } = useI18n();
  return (
    <div className="page-catalogue">
      <p className="page-hint">{t('catalogue.mine.hint')}</p>
      <ResourceBrowser scope="mine" />
    </div>
  );
}

function ResourceBrowser({ scope }: { scope: Exclude<SearchScope, 'review'> }) {
  const { t, label } = useI18n();
  const steward = useHasRole('steward');
  const [state, setState] = useState(readState);
  const [text, setText] = useState(state.q);
  useEffect(() => writeState(state), [state]);
  const result = useResource(
    () =>
      searchResources({
        q: state.q || undefined,
        scope,
        sort: state.sort || undefined,
        limit: PAGE,
        offset: state.page * PAGE,
        filters: state.filters,
      }),
    JSON.stringify([scope, state]),
  );

  const search = (e: FormEvent) => {
    e.preventDefault();
    setState((s) => ({ ...s, q: text.trim(), page: 0 }));
  };

  return (
    <>
      <section className="card catalogue-toolbar">
        <form className="search-box catalogue-search" role="search" onSubmit={search}>
          <input
            type="search"
            name="q"
            value={text}
            placeholder={t('catalogue.browse.searchPlaceholder')}
            aria-label={t('common.search')}
            maxLength={200}
            onChange={(e) => setText(e.target.value)}
            data-testid="catalogue-search"
          />
          <button type="submit" className="btn btn-primary" data-testid="catalogue-search-submit">
            {t('common.search')}
          </button>
        </form>
        <FilterSelect
          label={t('catalogue.browse.sort')}
          value={state.sort}
          onChange={(v) => setState((s) => ({ ...s, sort: v as SearchSort | '', page: 0 }))}
          testId="catalogue-sort"
          options={[
            { value: '', label: t('catalogue.sort.default') },
            ...SORTS.map((s) => ({ value: s, label: label('catalogue.sort.', s) })),
          ]}
        />
        <span className="toolbar-actions catalogue-links">
          <Link to="/catalogue/policy">{t('catalogue.browse.policy')}</Link>
          {steward && (
            <Link to="/catalogue/new" className="btn btn-secondary btn-small" testId="catalogue-new">
              {t('catalogue.browse.new')}
            </Link>
          )}
        </span>
      </section>
      <AsyncView resource={result}>
        {(r) => {
          const pages = Math.max(1, Math.ceil(r.total / PAGE));
          return (
            <div className="catalogue-layout" aria-busy={result.loading}>
              <FacetPanel
                facets={r.facets}
                filters={state.filters}
                onChange={(filters) => setState((s) => ({ ...s, filters, page: 0 }))}
              />
              <section className="catalogue-results card">
                <p className="catalogue-total" data-testid="catalogue-total" data-total={r.total}>
                  {t('catalogue.browse.total', { n: r.total })}
                  {r.total > PAGE && (
                    <span className="muted">
                      {' '}
                      {t('catalogue.browse.range', {
                        from: state.page * PAGE + 1,
                        to: Math.min(r.total, (state.page + 1) * PAGE),
                      })}
                    </span>
                  )}
                </p>
                {r.items.length === 0 ? (
                  <p className="empty-state" data-testid="catalogue-empty">
                    {state.q ? t('catalogue.browse.emptyQuery', { q: state.q }) : t('catalogue.browse.empty')}
                  </p>
                ) : (
                  <ResourceList items={r.items} showStatus={scope === 'mine'} />
                )}
                {pages > 1 && (
                  <nav className="pager" aria-label={t('catalogue.browse.paging')}>
                    <button
                      type="button"
                      className="btn btn-secondary btn-small"
                      disabled={state.page === 0}
                      onClick={() => setState((s) => ({ ...s, page: s.page - 1 }))}
                      data-testid="page-prev"
                    >
                      {t('catalogue.browse.prev')}
                    </button>
                    <span className="muted">
                      {t('catalogue.browse.page', { page: state.page + 1, pages })}
                    </span>
                    <button
                      type="button"
                      className="btn btn-secondary btn-small"
                      disabled={state.page + 1 >= pages}
                      onClick={() => setState((s) => ({ ...s, page: s.page + 1 }))}
                      data-testid="page-next"
                    >
                      {t('catalogue.browse.next')}
                    </button>
                  </nav>
                )}
              </section>
            </div>
          );
        }}
      </AsyncView>
    </>
  );
}
