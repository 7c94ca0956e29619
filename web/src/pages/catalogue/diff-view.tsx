import type { VersionDiff } from '../../api/catalogue';
import { isMessageKey, useI18n, type Translate } from '../../i18n/i18n';
import { changeValue, diffCounts, diffIsEmpty } from './format';

// What changed between two versions: a one-line count (DiffSummary) and the full list (DiffView) — items
// added, removed, retyped (stored values may not convert) and restricted (level raised or sharing tightened:
// existing grants are affected), every changed item property from → to, and the resource fields changed.

export function DiffSummary({ diff }: { diff: VersionDiff }) {
  const { t } = useI18n();
  const c = diffCounts(diff);
  return (
    <span className="diff-summary" data-testid="diff-summary">
      {t('catalogue.diff.summary', c)}
      {c.fields > 0 && <> · {t('catalogue.diff.fieldsSummary', { n: c.fields })}</>}
      {c.removed + c.retyped + c.restricted > 0 && (
        <span className="diff-warn"> · {t('catalogue.diff.affectsGrants')}</span>
      )}
    </span>
  );
}

function fieldName(field: string, t: Translate): string {
  const k = `catalogue.field.${field}`;
  return isMessageKey(k) ? t(k) : field;
}

function itemFieldName(field: string, t: Translate): string {
  const k = `catalogue.itemField.${field}`;
  return isMessageKey(k) ? t(k) : field;
}

function NameList({ title, names, tone }: { title: string; names: string[]; tone?: string }) {
  if (names.length === 0) return null;
  return (
    <div className={`diff-group${tone ? ` diff-${tone}` : ''}`}>
      <h4>{title}</h4>
      <span className="tags">
        {names.map((n) => (
          <code key={n} className="tag">
            {n}
          </code>
        ))}
      </span>
    </div>
  );
}

export function DiffView({ diff }: { diff: VersionDiff }) {
  const { t, label } = useI18n();
  if (diffIsEmpty(diff)) return <p className="muted">{t('catalogue.versions.noDiff')}</p>;
  return (
    <div className="diff-view" data-testid="diff-view">
      <NameList title={t('catalogue.diff.added')} names={diff.itemsAdded} tone="added" />
      <NameList title={t('catalogue.diff.removed')} names={diff.itemsRemoved} tone="removed" />
      <NameList title={t('catalogue.diff.retyped')} names={diff.itemsRetyped} tone="warn" />
      <NameList title={t('catalogue.diff.restricted')} names={diff.itemsRestricted} tone="warn" />
      {diff.fieldsChanged.length > 0 && (
        <NameList title={t('catalogue.diff.fields')} names={diff.fieldsChanged.map((f) => fieldName(f, t))} />
      )}
      {diff.itemsChanged.length > 0 && (
        <div className="diff-group">
          <h4>{t('catalogue.diff.changed')}</h4>
          <table className="data-table diff-table">
            <thead>
              <tr>
                <th scope="col">{t('catalogue.diff.item')}</th>
                <th scope="col">{t('catalogue.diff.field')}</th>
                <th scope="col">{t('catalogue.diff.from')}</th>
                <th scope="col">{t('catalogue.diff.to')}</th>
              </tr>
            </thead>
            <tbody>
              {diff.itemsChanged.flatMap((c) =>
                Object.entries(c.changes).map(([field, ch]) => (
                  <tr key={`${c.name}.${field}`}>
                    <td>
                      <code>{c.name}</code>
                    </td>
                    <td>{itemFieldName(field, t)}</td>
                    <td className="diff-from">{changeValue(field, ch.from, t, label)}</td>
                    <td className="diff-to">{changeValue(field, ch.to, t, label)}</td>
                  </tr>
                )),
              )}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
