import type { Item } from '../../api/catalogue';
import { useI18n } from '../../i18n/i18n';
import type { FilterNode, FilterValue } from './types';

// The row filter of a grant in the filter language (docs/sharing.md): a simple builder for the common cases
// — an item equals a value, starts with a prefix (a region code), or is one of a list — all of which must
// hold, or the JSON itself for anything else (or, not, range, isNull). The server parses and checks it
// against the resource's items either way.

export type BuilderOp = 'eq' | 'prefix' | 'in';

export interface Condition {
  item: string;
  op: BuilderOp;
  value: string;
}

export interface FilterDraft {
  mode: 'builder' | 'json';
  conditions: Condition[];
  json: string;
}

export const EMPTY_FILTER: FilterDraft = { mode: 'builder', conditions: [], json: '' };

const typed = (item: Item | undefined, v: string): FilterValue =>
  item?.dataType === 'number' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : v;

function nodeOf(c: Condition, items: readonly Item[]): FilterNode {
  const item = items.find((i) => i.code === c.item);
  switch (c.op) {
    case 'eq':
      return { eq: { item: c.item, value: typed(item, c.value.trim()) } };
    case 'prefix':
      return { prefix: { item: c.item, value: c.value.trim() } };
    case 'in':
      return {
        in: {
          item: c.item,
          values: c.value
            .split(/[,，\s]+/)
            .filter(Boolean)
            .map((v) => typed(item, v)),
        },
      };
  }
}

/** The builder's conditions as one predicate (all must hold), or null without any. */
export function compileConditions(conds: readonly Condition[], items: readonly Item[]): FilterNode | null {
  const nodes = conds.filter((c) => c.item && c.value.trim()).map((c) => nodeOf(c, items));
  if (nodes.length === 0) return null;
  return nodes.length === 1 ? (nodes[0] ?? null) : { and: nodes };
}

/** The filter to send, or an error key when the JSON does not parse. */
export function filterOf(
  d: FilterDraft,
  items: readonly Item[],
): { ok: true; value: FilterNode | null } | { ok: false } {
  if (d.mode === 'builder') return { ok: true, value: compileConditions(d.conditions, items) };
  if (!d.json.trim()) return { ok: true, value: null };
  try {
    const v = JSON.parse(d.json) as unknown;
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return { ok: false };
    // The server validates the shape; the console only makes sure it sends an object.
    return { ok: true, value: v as FilterNode };
  } catch {
    return { ok: false };
  }
}

export function FilterEditor({
  value,
  items,
  error,
  onChange,
  label: heading,
}: {
  value: FilterDraft;
  items: readonly Item[];
  error: string | undefined;
  onChange: (d: FilterDraft) => void;
  /** The editor's heading (default: the grant's row filter; a consumer's narrowing says so instead). */
  label?: string;
}) {
  const { t, label } = useI18n();
  const parsed = filterOf(value, items);
  const setCond = (i: number, patch: Partial<Condition>) =>
    onChange({ ...value, conditions: value.conditions.map((c, j) => (j === i ? { ...c, ...patch } : c)) });
  const toJson = () => {
    const node = compileConditions(value.conditions, items);
    onChange({ ...value, mode: 'json', json: node ? JSON.stringify(node, null, 2) : '' });
  };

  return (
    <div
      className={`filter-editor${error || !parsed.ok ? ' field-invalid' : ''}`}
      data-field="rowFilter"
      data-testid="filter-editor"
    >
      <div className="filter-head">
        <span className="field-label">{heading ?? t('sharing.scope.rowFilter')}</span>
        <span className="segmented" role="group">
          <button
            type="button"
            className={value.mode === 'builder' ? 'active' : undefined}
            onClick={() => onChange({ ...value, mode: 'builder' })}
            data-testid="filter-mode-builder"
          >
            {t('sharing.filter.builder')}
          </button>
          <button
            type="button"
            className={value.mode === 'json' ? 'active' : undefined}
            onClick={toJson}
            data-testid="filter-mode-json"
          >
            {t('sharing.filter.json')}
          </button>
        </span>
      </div>
      {value.mode === 'builder' ? (
        <>
          {value.conditions.length === 0 && <p className="muted small">{t('sharing.filter.none')}</p>}
          {value.conditions.map((c, i) => (
            <div className="filter-row" key={i} data-testid="filter-row">
              <select
                value={c.item}
                aria-label={t('sharing.filter.item')}
                onChange={(e) => setCond(i, { item: e.target.value })}
                data-testid="filter-item"
              >
                {items.map((it) => (
                  <option key={it.code} value={it.code}>
                    {it.label}（{it.code}）
                  </option>
                ))}
              </select>
              <select
                value={c.op}
                aria-label={t('sharing.filter.op')}
                onChange={(e) => setCond(i, { op: e.target.value as BuilderOp })}
                data-testid="filter-op"
              >
                {(['eq', 'prefix', 'in'] as const).map((op) => (
                  <option key={op} value={op}>
                    {label('sharing.filter.op.', op)}
                  </option>
                ))}
              </select>
              <input
                value={c.value}
                aria-label={t('sharing.filter.value')}
                placeholder={c.op === 'in' ? t('sharing.filter.inPlaceholder') : ''}
                onChange={(e) => setCond(i, { value: e.target.value })}
                data-testid="filter-value"
              />
              <button
                type="button"
                className="btn btn-link"
                onClick={() => onChange({ ...value, conditions: value.conditions.filter((_, j) => j !== i) })}
              >
                {t('sharing.apply.remove')}
              </button>
            </div>
          ))}
          <button
            type="button"
            className="btn btn-secondary btn-small"
            disabled={items.length === 0}
            onClick={() =>
              onChange({
                ...value,
                conditions: [...value.conditions, { item: items[0]?.code ?? '', op: 'eq', value: '' }],
              })
            }
            data-testid="filter-add"
          >
            {t('sharing.filter.add')}
          </button>
          {value.conditions.length > 0 && parsed.ok && parsed.value && (
            <pre className="code-block small" data-testid="filter-preview">
              {JSON.stringify(parsed.value)}
            </pre>
          )}
        </>
      ) : (
        <>
          <textarea
            className="mono"
            rows={5}
            value={value.json}
            placeholder={t('sharing.filter.jsonPlaceholder')}
            aria-label={heading ?? t('sharing.scope.rowFilter')}
            onChange={(e) => onChange({ ...value, json: e.target.value })}
            data-testid="filter-json"
          />
          <p className="muted small">{t('sharing.filter.jsonHint')}</p>
        </>
      )}
      {!parsed.ok && (
        <span className="cell-error" role="alert">
          {t('sharing.filter.badJson')}
        </span>
      )}
      {error && (
        <span className="cell-error" role="alert" data-testid="field-error">
          {error}
        </span>
      )}
    </div>
  );
}
