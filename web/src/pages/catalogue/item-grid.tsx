import type { Format } from '../../api/catalogue';
import { useI18n } from '../../i18n/i18n';
import { errorAt, suggestedValues, type FieldErrors, type Row } from './editor-model';
import { Cell, MaskSelect, SuggestionCell } from './item-grid-cells';
import {
  DATA_TYPES,
  LENGTH_TYPES,
  NATIONAL_LEVELS,
  PII_KINDS,
  PROVINCIAL_LEVELS,
  SHARE_TYPES,
} from './vocab';

// The item grid: one row per 信息项, every property editable in place. Rows made from a sample file carry
// the detector's suggestion (kind, confidence, levels, mask, reason) with an 采纳 checkbox; changing the
// row's kind, level or mask instead marks it 已修改. A server problem such as items.2.nationalLevel outlines
// that cell and says what is wrong under it.

const PII_FIELDS = new Set<keyof Row>(['piiKind', 'nationalLevel', 'provincialLevel', 'mask']);

export function ItemGrid({
  rows,
  onChange,
  errors,
  format,
}: {
  rows: Row[];
  onChange: (rows: Row[]) => void;
  errors: FieldErrors;
  format: Format;
}) {
  const { t, label } = useI18n();
  const withSuggestions = rows.some((r) => r.suggestion);

  const update = (i: number, patch: Partial<Row>) =>
    onChange(
      rows.map((r, j) => {
        if (j !== i) return r;
        const touchesPii = Object.keys(patch).some((k) => PII_FIELDS.has(k as keyof Row));
        return { ...r, ...patch, ...(r.suggestion && touchesPii && { decision: 'edited' as const }) };
      }),
    );
  const accept = (i: number, yes: boolean) =>
    onChange(
      rows.map((r, j) =>
        j === i && r.suggestion
          ? yes
            ? { ...r, ...suggestedValues(r.suggestion), decision: 'accepted' }
            : { ...r, decision: 'pending' }
          : r,
      ),
    );
  const move = (i: number, by: number) => {
    const next = [...rows];
    const [row] = next.splice(i, 1);
    if (row) next.splice(i + by, 0, row);
    onChange(next);
  };

  if (rows.length === 0) return <p className="empty-state">{t('catalogue.editor.noItems')}</p>;

  const head = (k: Parameters<typeof t>[0]) => <th scope="col">{t(k)}</th>;
  return (
    <div className="table-wrap item-grid-wrap">
      <table className="data-table item-grid" data-testid="item-grid">
        <thead>
          <tr>
            <th scope="col">#</th>
            {head('catalogue.item.name')}
            {head('catalogue.item.label')}
            {head('catalogue.item.dataType')}
            {head('catalogue.item.length')}
            {head('catalogue.item.scale')}
            {head('catalogue.item.primaryKey')}
            {head('catalogue.item.nullable')}
            {withSuggestions && head('catalogue.editor.suggestion')}
            {head('catalogue.item.pii')}
            {head('catalogue.item.level')}
            {head('catalogue.item.provincialLevel')}
            {head('catalogue.item.shareType')}
            {head('catalogue.item.mask')}
            {head('catalogue.item.secret')}
            {head('catalogue.item.description')}
            {head('common.actions')}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => {
            const at = (field: string) => errorAt(errors, `items.${i}.${field}`);
            const rowError = errors.get(`items.${i}`)?.join('；');
            const aria = (k: Parameters<typeof t>[0]) => `${t(k)} ${i + 1}`;
            return (
              <tr
                key={r.key}
                className={`item-grid-row${rowError ? ' row-invalid' : ''}${r.decision === 'pending' ? ' row-pending' : ''}`}
                data-testid="item-row"
                data-name={r.name}
                data-decision={r.decision ?? undefined}
                title={rowError}
              >
                <td className="num muted">{i + 1}</td>
                <Cell error={at('name')}>
                  <input
                    className="mono"
                    value={r.name}
                    maxLength={63}
                    aria-label={aria('catalogue.item.name')}
                    onChange={(e) => update(i, { name: e.target.value })}
                    data-testid="item-name"
                  />
                </Cell>
                <Cell error={at('label')}>
                  <input
                    value={r.label}
                    maxLength={100}
                    aria-label={aria('catalogue.item.label')}
                    onChange={(e) => update(i, { label: e.target.value })}
                    data-testid="item-label"
                  />
                  {r.header && r.header !== r.label && <div className="muted small">{r.header}</div>}
                </Cell>
                <Cell error={at('dataType')}>
                  <select
                    value={r.dataType}
                    aria-label={aria('catalogue.item.dataType')}
                    onChange={(e) => update(i, { dataType: e.target.value as Row['dataType'] })}
                    data-testid="item-type"
                  >
                    {DATA_TYPES.map((d) => (
                      <option key={d} value={d}>
                        {label('catalogue.dataType.', d)}
                      </option>
                    ))}
                  </select>
                </Cell>
                <Cell error={at('length')} className="cell-narrow">
                  <input
                    type="number"
                    min={1}
                    value={LENGTH_TYPES.has(r.dataType) ? r.length : ''}
                    disabled={!LENGTH_TYPES.has(r.dataType)}
                    aria-label={aria('catalogue.item.length')}
                    onChange={(e) => update(i, { length: e.target.value })}
                    data-testid="item-length"
                  />
                </Cell>
                <Cell error={at('scale')} className="cell-narrow">
                  <input
                    type="number"
                    min={0}
                    value={r.dataType === 'number' ? r.scale : ''}
                    disabled={r.dataType !== 'number'}
                    aria-label={aria('catalogue.item.scale')}
                    onChange={(e) => update(i, { scale: e.target.value })}
                  />
                </Cell>
                <Cell error={at('primaryKey')} className="cell-check">
                  <input
                    type="checkbox"
                    checked={r.primaryKey}
                    aria-label={aria('catalogue.item.primaryKey')}
                    onChange={(e) =>
                      update(i, {
                        primaryKey: e.target.checked,
                        ...(e.target.checked && { nullable: false }),
                      })
                    }
                    data-testid="item-pk"
                  />
                </Cell>
                <Cell error={at('nullable')} className="cell-check">
                  <input
                    type="checkbox"
                    checked={r.nullable && !r.primaryKey}
                    disabled={r.primaryKey}
                    aria-label={aria('catalogue.item.nullable')}
                    onChange={(e) => update(i, { nullable: e.target.checked })}
                  />
                </Cell>
                {withSuggestions && <SuggestionCell row={r} onAccept={(yes) => accept(i, yes)} />}
                <Cell error={at('piiKind')}>
                  <select
                    value={r.piiKind}
                    aria-label={aria('catalogue.item.pii')}
                    onChange={(e) => update(i, { piiKind: e.target.value as Row['piiKind'] })}
                    data-testid="item-pii"
                  >
                    <option value="">{t('catalogue.editor.none')}</option>
                    {PII_KINDS.map((k) => (
                      <option key={k} value={k}>
                        {label('catalogue.pii.', k)}
                      </option>
                    ))}
                  </select>
                </Cell>
                <Cell error={at('nationalLevel')}>
                  <select
                    value={r.nationalLevel}
                    className={r.nationalLevel ? `level-select level-${r.nationalLevel}` : 'level-select'}
                    aria-label={aria('catalogue.item.level')}
                    onChange={(e) => update(i, { nationalLevel: e.target.value as Row['nationalLevel'] })}
                    data-testid="item-level"
                  >
                    <option value="">{t('catalogue.editor.choose')}</option>
                    {NATIONAL_LEVELS.map((l) => (
                      <option key={l} value={l}>
                        {label('catalogue.level.', l)}
                      </option>
                    ))}
                  </select>
                </Cell>
                <Cell error={at('provincialLevel')}>
                  <select
                    value={r.provincialLevel}
                    aria-label={aria('catalogue.item.provincialLevel')}
                    onChange={(e) => update(i, { provincialLevel: e.target.value as Row['provincialLevel'] })}
                    data-testid="item-provincial"
                  >
                    <option value="">{t('catalogue.editor.auto')}</option>
                    {PROVINCIAL_LEVELS.map((l) => (
                      <option key={l} value={l}>
                        {l}
                      </option>
                    ))}
                  </select>
                </Cell>
                <Cell error={at('shareType')}>
                  <select
                    value={r.shareType}
                    aria-label={aria('catalogue.item.shareType')}
                    onChange={(e) => update(i, { shareType: e.target.value as Row['shareType'] })}
                  >
                    <option value="">{t('catalogue.editor.inherit')}</option>
                    {SHARE_TYPES.map((s) => (
                      <option key={s} value={s}>
                        {label('catalogue.shareType.', s)}
                      </option>
                    ))}
                  </select>
                </Cell>
                <Cell error={at('defaultMask')}>
                  <MaskSelect
                    value={r.mask}
                    piiKind={r.piiKind}
                    ariaLabel={aria('catalogue.item.mask')}
                    onChange={(mask) => update(i, { mask })}
                  />
                </Cell>
                <Cell error={at('secret')} className="cell-check">
                  <input
                    type="checkbox"
                    checked={r.secret}
                    aria-label={aria('catalogue.item.secret')}
                    onChange={(e) => update(i, { secret: e.target.checked })}
                  />
                </Cell>
                <Cell error={at('description')}>
                  <input
                    value={r.description}
                    maxLength={500}
                    aria-label={aria('catalogue.item.description')}
                    onChange={(e) => update(i, { description: e.target.value })}
                  />
                </Cell>
                <td className="nowrap">
                  <span className="row-actions">
                    <button
                      type="button"
                      className="btn btn-link"
                      disabled={i === 0}
                      title={t('catalogue.editor.moveUp')}
                      aria-label={aria('catalogue.editor.moveUp')}
                      onClick={() => move(i, -1)}
                    >
                      ↑
                    </button>
                    <button
                      type="button"
                      className="btn btn-link"
                      disabled={i === rows.length - 1}
                      title={t('catalogue.editor.moveDown')}
                      aria-label={aria('catalogue.editor.moveDown')}
                      onClick={() => move(i, 1)}
                    >
                      ↓
                    </button>
                    <button
                      type="button"
                      className="btn btn-link error-text"
                      aria-label={aria('catalogue.editor.remove')}
                      onClick={() => onChange(rows.filter((_, j) => j !== i))}
                      data-testid="item-remove"
                    >
                      {t('catalogue.editor.remove')}
                    </button>
                  </span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {format === 'table' && <p className="muted small">{t('catalogue.editor.pkHint')}</p>}
    </div>
  );
}
