import type { ReactNode } from 'react';
import { LevelBadge } from '../../components/level-badge';
import { useI18n } from '../../i18n/i18n';
import type { Row } from './editor-model';
import { maskText } from './format';
import { DEFAULT_MASKS, MASK_PRESETS, maskFromKey, maskKey } from './vocab';

// Cells of the item grid: a cell that shows its server problem, the detector's suggestion with its 采纳
// checkbox, and the mask picker (the kind's default, the presets, and any other spec the item already has).

/** A grid cell, outlined with the problem under its control when the server refused the value. */
export function Cell({
  error,
  className,
  children,
}: {
  error: string | undefined;
  className?: string;
  children: ReactNode;
}) {
  return (
    <td
      className={`${className ?? ''}${error ? ' cell-invalid' : ''}`.trim() || undefined}
      data-invalid={error ? 'true' : undefined}
    >
      {children}
      {error && (
        <div className="cell-error" role="alert">
          {error}
        </div>
      )}
    </td>
  );
}

/** What the detector proposed for a sample column: kind, levels, confidence, mask and why; 采纳 takes it. */
export function SuggestionCell({ row: r, onAccept }: { row: Row; onAccept: (yes: boolean) => void }) {
  const { t, label } = useI18n();
  const s = r.suggestion;
  return (
    <td className="suggestion-cell" data-testid="item-suggestion">
      {s ? (
        <div className="suggestion">
          <label className="suggestion-accept">
            <input
              type="checkbox"
              checked={r.decision === 'accepted'}
              onChange={(e) => onAccept(e.target.checked)}
              data-testid="accept-suggestion"
            />
            {t('catalogue.editor.accept')}
          </label>
          <span className="suggestion-kind" data-kind={s.kind}>
            {label('catalogue.pii.', s.kind)}
          </span>
          <LevelBadge level={s.nationalLevel} provincial={s.provincialLevel} />
          <span className="muted small">
            {t('catalogue.editor.confidence', { p: Math.round(s.confidence * 100) })}
            {' · '}
            {maskText(s.mask, t)}
          </span>
          <span className="muted small suggestion-reason">{s.reason}</span>
          {r.decision === 'edited' && <span className="tag tag-edited">{t('catalogue.editor.edited')}</span>}
        </div>
      ) : (
        r.header !== null && <span className="muted small">{t('catalogue.editor.noSuggestion')}</span>
      )}
    </td>
  );
}

/** The mask of an item: '' for its PII kind's default, else a maskKey(). */
export function MaskSelect({
  value,
  piiKind,
  ariaLabel,
  onChange,
}: {
  value: string;
  piiKind: Row['piiKind'];
  ariaLabel: string;
  onChange: (mask: string) => void;
}) {
  const { t } = useI18n();
  const defaultMask = piiKind ? DEFAULT_MASKS[piiKind] : { kind: 'clear' };
  const keys = MASK_PRESETS.map(maskKey);
  if (value && !keys.includes(value)) keys.push(value);
  return (
    <select
      value={value}
      aria-label={ariaLabel}
      onChange={(e) => onChange(e.target.value)}
      data-testid="item-mask"
    >
      <option value="">{t('catalogue.editor.defaultMask', { mask: maskText(defaultMask, t) })}</option>
      {keys.map((k) => (
        <option key={k} value={k}>
          {maskText(maskFromKey(k), t)}
        </option>
      ))}
    </select>
  );
}
