import { getPolicy, type LevelPolicy, type NationalLevel, type PiiKind } from '../../api/catalogue';
import { useResource } from '../../api/use-resource';
import { AsyncView } from '../../components/async-view';
import { LevelBadge, ProvincialBadge } from '../../components/level-badge';
import { useI18n } from '../../i18n/i18n';
import { maskText } from './format';
import { NATIONAL_LEVELS, PROVINCIAL_LEVELS } from './vocab';

// 分级策略 (everyone, read-only): per level, the share and open types and delivery methods allowed (★ the
// ones the platform suggests first), the weakest mask each kind of personal information may carry, and
// whether applications go through the bureau; then how the provincial scale maps onto the national one.
// secadmin changes the table through the API.

export function PolicyPage() {
  const { t, label, dateTime } = useI18n();
  const policy = useResource(getPolicy);
  const list = (prefix: string, values: readonly string[]) => values.map((v) => label(prefix, v)).join('、');
  const methods = (p: LevelPolicy) =>
    p.methods
      .map((m) => `${label('catalogue.method.', m)}${p.preferredMethods.includes(m) ? '★' : ''}`)
      .join('、');
  const masks = (p: LevelPolicy) => {
    const entries = Object.entries(p.requiredMasks) as [
      PiiKind,
      NonNullable<LevelPolicy['requiredMasks'][PiiKind]>,
    ][];
    if (entries.length === 0) return <span className="muted">{t('common.none')}</span>;
    return (
      <ul className="plain-list">
        {entries.map(([kind, mask]) => (
          <li key={kind}>
            {label('catalogue.pii.', kind)}
            {t('common.colon')}
            {maskText(mask, t)}
          </li>
        ))}
      </ul>
    );
  };
  return (
    <div className="page-catalogue">
      <AsyncView resource={policy}>
        {(p) => (
          <>
            <p className="page-hint">
              {t('catalogue.policy.hint', { revision: p.revision })}
              {p.updatedAt && ` ${t('catalogue.policy.updatedAt', { date: dateTime(p.updatedAt) })}`}
            </p>
            <section className="card">
              <div className="table-wrap">
                <table className="data-table policy-table" data-testid="policy-table">
                  <thead>
                    <tr>
                      <th scope="col">{t('catalogue.policy.level')}</th>
                      <th scope="col">{t('catalogue.policy.shareTypes')}</th>
                      <th scope="col">{t('catalogue.policy.openTypes')}</th>
                      <th scope="col">{t('catalogue.policy.methods')}</th>
                      <th scope="col">{t('catalogue.policy.masks')}</th>
                      <th scope="col">{t('catalogue.policy.bureauReview')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {NATIONAL_LEVELS.map((l: NationalLevel) => {
                      const rule = p.table.levels[l];
                      return (
                        <tr key={l} data-level={l}>
                          <td>
                            <LevelBadge level={l} />
                          </td>
                          <td>{list('catalogue.shareType.', rule.shareTypes)}</td>
                          <td>{list('catalogue.openType.', rule.openTypes)}</td>
                          <td>{methods(rule)}</td>
                          <td>{masks(rule)}</td>
                          <td>{rule.bureauReview ? t('common.yes') : t('common.no')}</td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
              <p className="muted small">{t('catalogue.policy.preferredNote')}</p>
            </section>
            <section className="card">
              <h3>{t('catalogue.policy.provincial')}</h3>
              <table className="data-table policy-map">
                <thead>
                  <tr>
                    <th scope="col">{t('catalogue.policy.provincialLevel')}</th>
                    <th scope="col">{t('catalogue.policy.national')}</th>
                  </tr>
                </thead>
                <tbody>
                  {PROVINCIAL_LEVELS.map((pl) => (
                    <tr key={pl}>
                      <td>
                        <ProvincialBadge level={pl} />
                      </td>
                      <td>
                        <LevelBadge level={p.table.provincialToNational[pl]} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          </>
        )}
      </AsyncView>
    </div>
  );
}
