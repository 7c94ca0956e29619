import type { Item, Method } from '../../api/catalogue';
import { LevelBadge } from '../../components/level-badge';
import { useI18n } from '../../i18n/i18n';
import { maskText } from '../catalogue/format';
import { maskFromKey } from '../catalogue/vocab';
import { Field } from './field';
import { FilterEditor } from './filter-editor';
import { maskOptions, maskRelation, scopeIndex, type ScopeDraft } from './scope-model';
import { usePolicy } from './use-catalogue';
import type { FieldErrors } from './violations';

// The scope of a grant as an approver (or the bureau mediating) sets it: a subset of the requested items,
// each with a mask — stronger than the default at will, weaker only with a reason, never below the level
// policy's minimum —, a row filter, methods, validity, rate limit, daily quota, clients and IP ranges.

const P = 'scope.';

export function ScopeEditor({
  value,
  items,
  requestedMethods,
  applicationClients,
  durationDays,
  errors,
  onChange,
}: {
  value: ScopeDraft;
  /** The resource's items (all of them: the row filter may test any). */
  items: readonly Item[];
  requestedMethods: readonly Method[];
  applicationClients: readonly string[];
  /** The validity the application asked for, in days (the ceiling of validUntil). */
  durationDays: number;
  errors: FieldErrors;
  onChange: (d: ScopeDraft) => void;
}) {
  const { t, label } = useI18n();
  const policy = usePolicy();
  const set = (patch: Partial<ScopeDraft>) => onChange({ ...value, ...patch });
  const requested = items.filter((i) => value.items[i.code] !== undefined);
  const itemsError = errors.at('items', P);

  return (
    <div className="scope-editor" data-testid="scope-editor">
      <div className="table-wrap">
        <table
          className={`data-table scope-items${itemsError ? ' field-invalid' : ''}`}
          data-testid="scope-items"
        >
          <thead>
            <tr>
              <th scope="col">{t('sharing.scope.grant')}</th>
              <th scope="col">{t('catalogue.item.label')}</th>
              <th scope="col">{t('catalogue.item.level')}</th>
              <th scope="col">{t('sharing.scope.mask')}</th>
            </tr>
          </thead>
          <tbody>
            {requested.map((i) => {
              const v = value.items[i.code] ?? { on: false, mask: '' };
              const rel = maskRelation(i, v.mask);
              const k = scopeIndex(value, i.code);
              const err =
                k < 0
                  ? undefined
                  : (errors.under(`items[${k}]`, P) ?? errors.at(`loosenReasons.${i.code}`, P));
              return (
                <tr
                  key={i.code}
                  data-testid="scope-item"
                  data-code={i.code}
                  data-relation={rel}
                  className={err ? 'row-invalid' : undefined}
                >
                  <td>
                    <input
                      type="checkbox"
                      checked={v.on}
                      aria-label={i.label}
                      onChange={(e) =>
                        set({ items: { ...value.items, [i.code]: { ...v, on: e.target.checked } } })
                      }
                      data-testid="scope-item-check"
                    />
                  </td>
                  <td>
                    {i.label} <code className="muted small">{i.code}</code>
                  </td>
                  <td>
                    <LevelBadge level={i.nationalLevel} />
                  </td>
                  <td>
                    <select
                      value={v.mask}
                      disabled={!v.on}
                      aria-label={t('sharing.scope.mask')}
                      onChange={(e) =>
                        set({ items: { ...value.items, [i.code]: { ...v, mask: e.target.value } } })
                      }
                      data-testid="scope-mask"
                    >
                      <option value="">
                        {t('sharing.scope.defaultMask', { mask: maskText(i.defaultMask, t) })}
                      </option>
                      {maskOptions(i, policy).map((o) => (
                        <option key={o.key} value={o.key} disabled={o.below}>
                          {maskText(maskFromKey(o.key), t)}
                          {o.below ? t('sharing.scope.belowMinimum') : ''}
                        </option>
                      ))}
                    </select>{' '}
                    {v.on && rel !== 'default' && (
                      <span className={`tag mask-${rel}`} data-testid="mask-relation">
                        {label('sharing.scope.relation.', rel)}
                      </span>
                    )}
                    {v.on && rel === 'weaker' && (
                      <input
                        className="loosen-reason"
                        value={value.loosen[i.code] ?? ''}
                        placeholder={t('sharing.scope.loosenReason')}
                        aria-label={t('sharing.scope.loosenReason')}
                        maxLength={1000}
                        onChange={(e) => set({ loosen: { ...value.loosen, [i.code]: e.target.value } })}
                        data-testid="loosen-reason"
                      />
                    )}
                    {err && (
                      <span className="cell-error" role="alert" data-testid="field-error">
                        {err}
                      </span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {itemsError && (
          <span className="cell-error" role="alert">
            {itemsError}
          </span>
        )}
      </div>

      <FilterEditor
        value={value.filter}
        items={items}
        error={errors.under('rowFilter', P)}
        onChange={(filter) => set({ filter })}
      />

      <div className="form-grid">
        <Field
          label={t('sharing.scope.methods')}
          path="scope.methods"
          error={errors.under('methods', P)}
          group
        >
          <span className="check-row">
            {requestedMethods.map((m) => (
              <label key={m} className="check-inline">
                <input
                  type="checkbox"
                  checked={value.methods.includes(m)}
                  onChange={(e) =>
                    set({
                      methods: e.target.checked
                        ? [...value.methods, m]
                        : value.methods.filter((x) => x !== m),
                    })
                  }
                  data-testid={`scope-method-${m}`}
                />
                {label('catalogue.method.', m)}
              </label>
            ))}
          </span>
        </Field>
        <Field
          label={t('sharing.scope.clients')}
          path="scope.clientIds"
          error={errors.under('clientIds', P)}
          group
        >
          <span className="check-column">
            {applicationClients.map((c) => (
              <label key={c} className="check-inline">
                <input
                  type="checkbox"
                  checked={value.clientIds.includes(c)}
                  onChange={(e) =>
                    set({
                      clientIds: e.target.checked
                        ? [...value.clientIds, c]
                        : value.clientIds.filter((x) => x !== c),
                    })
                  }
                  data-testid="scope-client"
                />
                <code className="small">{c}</code>
              </label>
            ))}
          </span>
        </Field>
        <Field label={t('sharing.scope.validFrom')} path="scope.validFrom" error={errors.at('validFrom', P)}>
          <input
            type="date"
            value={value.validFrom}
            onChange={(e) => set({ validFrom: e.target.value })}
            data-testid="scope-valid-from"
          />
        </Field>
        <Field
          label={t('sharing.scope.validUntil')}
          path="scope.validUntil"
          error={errors.at('validUntil', P)}
        >
          <input
            type="date"
            value={value.validUntil}
            onChange={(e) => set({ validUntil: e.target.value })}
            data-testid="scope-valid-until"
          />
        </Field>
        <p className="muted small wide-note">{t('sharing.scope.validityHint', { n: durationDays })}</p>
        <Field
          label={t('sharing.scope.rate')}
          path="scope.rateLimitPerMinute"
          error={errors.at('rateLimitPerMinute', P)}
        >
          <input
            inputMode="numeric"
            value={value.rate}
            placeholder={t('sharing.scope.ratePlaceholder')}
            onChange={(e) => set({ rate: e.target.value })}
            data-testid="scope-rate"
          />
        </Field>
        <Field
          label={t('sharing.scope.quota')}
          path="scope.dailyRowQuota"
          error={errors.at('dailyRowQuota', P)}
        >
          <input
            inputMode="numeric"
            value={value.quota}
            placeholder={t('sharing.scope.quotaPlaceholder')}
            onChange={(e) => set({ quota: e.target.value })}
            data-testid="scope-quota"
          />
        </Field>
        {value.methods.includes('verification') && (
          <Field
            label={t('sharing.scope.verifyDetail')}
            path="scope.verifyDetail"
            error={errors.at('verifyDetail', P)}
          >
            <label className="inline">
              <input
                type="checkbox"
                checked={value.verifyDetail}
                onChange={(e) => set({ verifyDetail: e.target.checked })}
                data-testid="scope-verify-detail"
              />
              <span className="small muted">{t('sharing.scope.verifyDetailHint')}</span>
            </label>
          </Field>
        )}
        <Field label={t('sharing.scope.ipRanges')} path="scope.ipRanges" error={errors.under('ipRanges', P)}>
          <input
            value={value.ipRanges}
            placeholder="10.1.0.0/16"
            onChange={(e) => set({ ipRanges: e.target.value })}
            data-testid="scope-ip"
          />
        </Field>
        <Field label={t('sharing.field.purpose')} path="scope.purpose" error={errors.at('purpose', P)}>
          <input
            value={value.purpose}
            maxLength={2000}
            onChange={(e) => set({ purpose: e.target.value })}
            data-testid="scope-purpose"
          />
        </Field>
      </div>
    </div>
  );
}
