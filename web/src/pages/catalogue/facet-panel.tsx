import { FACETS, type FacetName, type FacetValue } from '../../api/catalogue';
import { useI18n } from '../../i18n/i18n';

// The facet sidebar: per facet (provider, class, share and open types, level, format, update cycle) the values
// found for the query with their counts; ticking values narrows the list (values of one facet are OR-ed,
// facets AND-ed). A ticked value stays listed even when the query no longer finds it, so it can be unticked.

/** The dictionary prefix of each facet's values (the provider's label comes from the server). */
export const FACET_PREFIX: Record<Exclude<FacetName, 'provider'>, string> = {
  category: 'catalogue.category.',
  shareType: 'catalogue.shareType.',
  openType: 'catalogue.openType.',
  level: 'catalogue.level.',
  format: 'catalogue.format.',
  updateCycle: 'catalogue.updateCycle.',
};

export type Filters = Partial<Record<FacetName, string[]>>;

export function FacetPanel({
  facets,
  filters,
  onChange,
}: {
  facets: Record<FacetName, FacetValue[]>;
  filters: Filters;
  onChange: (f: Filters) => void;
}) {
  const { t, label } = useI18n();
  const toggle = (facet: FacetName, value: string) => {
    const now = filters[facet] ?? [];
    const next = now.includes(value) ? now.filter((v) => v !== value) : [...now, value];
    onChange({ ...filters, [facet]: next });
  };
  const any = FACETS.some((f) => (filters[f]?.length ?? 0) > 0);
  return (
    <aside className="facet-panel card" aria-label={t('catalogue.browse.filters')} data-testid="facet-panel">
      {any && (
        <button
          type="button"
          className="btn btn-link facet-clear"
          onClick={() => onChange({})}
          data-testid="facet-clear"
        >
          {t('catalogue.browse.clearFilters')}
        </button>
      )}
      {FACETS.map((facet) => {
        const chosen = filters[facet] ?? [];
        const values = [...(facets[facet] ?? [])];
        for (const v of chosen)
          if (!values.some((x) => x.value === v)) values.push({ value: v, label: null, count: 0 });
        if (values.length === 0) return null;
        return (
          <fieldset key={facet} className="facet" data-facet={facet}>
            <legend>{t(`catalogue.facet.${facet}`)}</legend>
            <ul>
              {values.map((v) => {
                const text =
                  facet === 'provider'
                    ? (v.label ?? t('catalogue.browse.unknownProvider'))
                    : label(FACET_PREFIX[facet], v.value);
                return (
                  <li key={v.value}>
                    <label
                      className={`facet-value${facet === 'level' ? ` facet-level level-${v.value}` : ''}`}
                    >
                      <input
                        type="checkbox"
                        checked={chosen.includes(v.value)}
                        onChange={() => toggle(facet, v.value)}
                        data-testid={`facet-${facet}-${v.value}`}
                      />
                      <span className="facet-label">{text}</span>
                      <span className="facet-count">{v.count}</span>
                    </label>
                  </li>
                );
              })}
            </ul>
          </fieldset>
        );
      })}
    </aside>
  );
}
