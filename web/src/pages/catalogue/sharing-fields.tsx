import type { ReactNode } from 'react';
import type { Method, OpenReason, OpenType, ShareType } from '../../api/catalogue';
import { useI18n, type Translate } from '../../i18n/i18n';
import { errorAt, type Draft, type FieldErrors } from './editor-model';
import { Field, type SetDraft } from './form-field';
import { FORMAT_METHODS, OPEN_REASONS, OPEN_TYPES, SHARE_TYPES } from './vocab';

// 共享与开放: the share type with its condition and basis, the delivery methods the format allows (★ those the
// level's policy suggests first), the open type with its condition and reason. Fields a type does not use are
// hidden (and not sent).

function methodTitle(m: Method, preferred: readonly Method[], t: Translate): string | undefined {
  return preferred.includes(m) ? t('catalogue.policy.preferredTitle') : undefined;
}

export function SharingFields({
  draft: d,
  set,
  errors,
  preferred,
  children,
}: {
  draft: Draft;
  set: SetDraft;
  errors: FieldErrors;
  preferred: readonly Method[];
  children?: ReactNode;
}) {
  const { t, label } = useI18n();
  const toggleMethod = (m: Method, on: boolean) =>
    set({ methods: on ? [...new Set([...d.methods, m])] : d.methods.filter((x) => x !== m) });
  const methodsError = errorAt(errors, 'share.methods');
  return (
    <section className="card">
      <h3>{t('catalogue.editor.sharing')}</h3>
      {children}
      <div className="form-grid">
        <Field label={t('catalogue.editor.shareType')} path="share.type" errors={errors}>
          <select
            name="shareType"
            value={d.shareType}
            onChange={(e) => set({ shareType: e.target.value as ShareType })}
            data-testid="resource-share-type"
          >
            {SHARE_TYPES.map((s) => (
              <option key={s} value={s}>
                {label('catalogue.shareType.', s)}
              </option>
            ))}
          </select>
        </Field>
        <fieldset
          className={`field method-field${methodsError ? ' field-invalid' : ''}`}
          data-field="share.methods"
          data-invalid={methodsError ? 'true' : undefined}
        >
          <legend>{t('catalogue.editor.methods')}</legend>
          <span className="check-row">
            {FORMAT_METHODS[d.format].map((m) => (
              <label key={m} className="check" title={methodTitle(m, preferred, t)}>
                <input
                  type="checkbox"
                  checked={d.methods.includes(m)}
                  onChange={(e) => toggleMethod(m, e.target.checked)}
                  data-testid={`method-${m}`}
                />
                {label('catalogue.method.', m)}
                {preferred.includes(m) && <span className="preferred-mark">★</span>}
              </label>
            ))}
          </span>
          {methodsError && (
            <span className="cell-error" role="alert">
              {methodsError}
            </span>
          )}
        </fieldset>
        {d.shareType === 'conditional' && (
          <Field label={t('catalogue.editor.shareCondition')} path="share.condition" errors={errors} wide>
            <textarea
              name="shareCondition"
              rows={2}
              maxLength={2000}
              value={d.shareCondition}
              onChange={(e) => set({ shareCondition: e.target.value })}
              data-testid="resource-share-condition"
            />
          </Field>
        )}
        {d.shareType !== 'unconditional' && (
          <Field label={t('catalogue.editor.shareBasis')} path="share.basis" errors={errors} wide>
            <textarea
              name="shareBasis"
              rows={2}
              maxLength={2000}
              value={d.shareBasis}
              onChange={(e) => set({ shareBasis: e.target.value })}
              data-testid="resource-share-basis"
            />
          </Field>
        )}
        <Field label={t('catalogue.editor.openType')} path="open.type" errors={errors}>
          <select
            name="openType"
            value={d.openType}
            onChange={(e) => set({ openType: e.target.value as OpenType })}
            data-testid="resource-open-type"
          >
            {OPEN_TYPES.map((o) => (
              <option key={o} value={o}>
                {label('catalogue.openType.', o)}
              </option>
            ))}
          </select>
        </Field>
        {d.openType !== 'open' && (
          <Field label={t('catalogue.editor.openReason')} path="open.reason" errors={errors} exact>
            <select
              name="openReasonKind"
              value={d.openReasonKind}
              onChange={(e) => set({ openReasonKind: e.target.value as OpenReason | '' })}
              data-testid="resource-open-reason"
            >
              <option value="">{t('catalogue.editor.choose')}</option>
              {OPEN_REASONS.map((r) => (
                <option key={r} value={r}>
                  {label('catalogue.openReason.', r)}
                </option>
              ))}
            </select>
          </Field>
        )}
        {d.openType === 'conditional' && (
          <Field label={t('catalogue.editor.openCondition')} path="open.condition" errors={errors} wide>
            <textarea
              name="openCondition"
              rows={2}
              maxLength={2000}
              value={d.openCondition}
              onChange={(e) => set({ openCondition: e.target.value })}
            />
          </Field>
        )}
        {d.openType !== 'open' && (
          <Field label={t('catalogue.editor.openReasonText')} path="open.reason.text" errors={errors} wide>
            <textarea
              name="openReasonText"
              rows={2}
              maxLength={2000}
              value={d.openReasonText}
              onChange={(e) => set({ openReasonText: e.target.value })}
              data-testid="resource-open-reason-text"
            />
          </Field>
        )}
      </div>
    </section>
  );
}
