import type { Method, NationalLevel } from '../../api/catalogue';
import { LevelBadge } from '../../components/level-badge';
import { useI18n } from '../../i18n/i18n';
import { maskText } from '../catalogue/format';
import type { DraftPart } from './application-model';
import { useCatalogueResource, usePolicy } from './use-catalogue';
import type { FieldErrors } from './violations';

// Step 2 of the wizard, per resource: which items (each with its level, share type and default mask; 不予共享
// items cannot be ticked) and which delivery methods. A method the level policy forbids for the strictest
// ticked item is disabled with the reason, as the server would refuse it.

export function PartEditor({
  index,
  part,
  errors,
  locked,
  onChange,
  onRemove,
}: {
  index: number;
  part: DraftPart;
  errors: FieldErrors;
  /** A decided part of a returned application: shown, not changed. */
  locked: boolean;
  onChange: (p: DraftPart) => void;
  onRemove: () => void;
}) {
  const { t, label } = useI18n();
  const doc = useCatalogueResource(part.resourceId);
  const policy = usePolicy();
  const at = `parts[${index}]`;

  const levels = new Set<NationalLevel>(
    (doc?.items ?? []).filter((i) => part.items.includes(i.code)).map((i) => i.nationalLevel),
  );
  const forbidden = (m: Method): boolean =>
    !!policy && [...levels].some((l) => !policy.table.levels[l].methods.includes(m));
  const toggleItem = (code: string, on: boolean) =>
    onChange({ ...part, items: on ? [...part.items, code] : part.items.filter((c) => c !== code) });
  const toggleMethod = (m: Method, on: boolean) =>
    onChange({ ...part, methods: on ? [...part.methods, m] : part.methods.filter((x) => x !== m) });
  const itemError = (code: string) => {
    const j = part.items.indexOf(code);
    return j < 0 ? undefined : errors.at(`${at}.items[${j}]`);
  };
  const partError = errors.at(`${at}.resourceId`) ?? errors.at(`${at}.items`);
  const methodsError =
    errors.at(`${at}.methods`) ??
    part.methods.map((_, j) => errors.at(`${at}.methods[${j}]`)).find((e) => e !== undefined);

  return (
    <section
      className={`card part-editor${partError ? ' field-invalid' : ''}`}
      data-testid="part-editor"
      data-resource={part.resourceId}
    >
      <div className="part-head">
        <h3>
          {doc?.name ?? part.name}
          {doc && <LevelBadge level={doc.level} />}
        </h3>
        <span className="muted">{doc?.provider.name ?? part.providerName ?? ''}</span>
        {!locked && (
          <button type="button" className="btn btn-link" onClick={onRemove} data-testid="part-remove">
            {t('sharing.apply.remove')}
          </button>
        )}
        {locked && <span className="tag">{t('sharing.apply.decidedLocked')}</span>}
      </div>
      {partError && (
        <p className="cell-error" role="alert">
          {partError}
        </p>
      )}
      {doc === undefined && <p className="loading">{t('common.loading')}</p>}
      {doc === null && <p className="error-text">{t('sharing.apply.resourceUnavailable')}</p>}
      {doc && (
        <>
          <div className="table-wrap">
            <table className="data-table part-items" data-testid="part-items">
              <thead>
                <tr>
                  <th scope="col">{t('sharing.apply.request')}</th>
                  <th scope="col">{t('catalogue.item.label')}</th>
                  <th scope="col">{t('catalogue.item.code')}</th>
                  <th scope="col">{t('catalogue.item.level')}</th>
                  <th scope="col">{t('catalogue.item.shareType')}</th>
                  <th scope="col">{t('catalogue.item.mask')}</th>
                </tr>
              </thead>
              <tbody>
                {doc.items.map((i) => {
                  const none = i.effectiveShareType === 'none';
                  const err = itemError(i.code);
                  return (
                    <tr
                      key={i.code}
                      data-testid="part-item"
                      data-code={i.code}
                      data-share={i.effectiveShareType}
                      className={err ? 'row-invalid' : undefined}
                    >
                      <td>
                        <input
                          type="checkbox"
                          checked={part.items.includes(i.code)}
                          disabled={locked || none}
                          title={none ? t('sharing.apply.noneItem') : undefined}
                          onChange={(e) => toggleItem(i.code, e.target.checked)}
                          data-testid="item-check"
                          aria-label={i.label}
                        />
                      </td>
                      <td>
                        {i.label}
                        {err && (
                          <span className="cell-error" role="alert">
                            {err}
                          </span>
                        )}
                      </td>
                      <td>
                        <code>{i.code}</code>
                      </td>
                      <td>
                        <LevelBadge level={i.nationalLevel} />
                      </td>
                      <td className={none ? 'error-text' : undefined}>
                        {label('catalogue.shareType.', i.effectiveShareType)}
                      </td>
                      <td>
                        <span className={i.defaultMask.kind === 'clear' ? 'muted' : undefined}>
                          {maskText(i.defaultMask, t)}
                        </span>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <fieldset
            className={`method-set${methodsError ? ' field-invalid' : ''}`}
            data-field={`${at}.methods`}
            data-testid="part-methods"
          >
            <legend>{t('sharing.apply.methods')}</legend>
            {doc.share.methods.map((m) => {
              const no = forbidden(m);
              return (
                <label
                  key={m}
                  className="check-inline"
                  title={no ? t('sharing.apply.methodForbidden') : undefined}
                >
                  <input
                    type="checkbox"
                    checked={part.methods.includes(m)}
                    disabled={locked || (no && !part.methods.includes(m))}
                    onChange={(e) => toggleMethod(m, e.target.checked)}
                    data-testid={`method-${m}`}
                  />
                  {label('catalogue.method.', m)}
                  {no && <span className="muted small"> {t('sharing.apply.methodForbiddenShort')}</span>}
                </label>
              );
            })}
            {methodsError && (
              <span className="cell-error" role="alert">
                {methodsError}
              </span>
            )}
          </fieldset>
        </>
      )}
    </section>
  );
}
