import type { PolicyState } from '../../api/catalogue';
import { LevelBadge } from '../../components/level-badge';
import { useI18n } from '../../i18n/i18n';
import type { Draft } from './editor-model';
import { FORMAT_METHODS, itemLevel, maxLevel, provincialFor } from './vocab';

// What the level policy allows for the draft as it stands: the resource's level is its highest item level
// (就高从严), and that level's row of the policy table says which share and open types and delivery methods
// remain. Choices the table forbids are named here before saving; the server checks again and has the
// final word (a 422 lists every breach).

export function LevelHint({ draft, policy }: { draft: Draft; policy: PolicyState }) {
  const { t, label } = useI18n();
  const table = policy.table;
  const levels = draft.items
    .map((r) => itemLevel(table, r.nationalLevel, r.provincialLevel))
    .filter((l) => l !== null);
  if (levels.length === 0)
    return <p className="notice notice-info level-hint">{t('catalogue.editor.levelUnknown')}</p>;
  const level = levels.reduce(maxLevel);
  const rule = table.levels[level];
  const list = (prefix: string, values: readonly string[]) => values.map((v) => label(prefix, v)).join('、');
  const problems: string[] = [];
  if (!rule.shareTypes.includes(draft.shareType))
    problems.push(t('catalogue.editor.forbidden', { what: label('catalogue.shareType.', draft.shareType) }));
  if (!rule.openTypes.includes(draft.openType))
    problems.push(t('catalogue.editor.forbidden', { what: label('catalogue.openType.', draft.openType) }));
  const methods = draft.methods.filter((m) => FORMAT_METHODS[draft.format].includes(m));
  const badMethods = methods.filter((m) => !rule.methods.includes(m));
  if (badMethods.length)
    problems.push(t('catalogue.editor.forbidden', { what: list('catalogue.method.', badMethods) }));
  return (
    <div
      className={`notice ${problems.length ? 'notice-warn' : 'notice-info'} level-hint`}
      data-testid="level-hint"
      data-level={level}
    >
      <p className="level-hint-head">
        {t('catalogue.editor.levelNow')} <LevelBadge level={level} provincial={provincialFor(table, level)} />
      </p>
      <p className="notice-detail">
        {t('catalogue.editor.levelAllows', {
          share: list('catalogue.shareType.', rule.shareTypes),
          open: list('catalogue.openType.', rule.openTypes),
          methods: list('catalogue.method.', rule.methods),
        })}
      </p>
      {rule.bureauReview && <p className="notice-detail">{t('catalogue.editor.bureauReview')}</p>}
      {problems.length > 0 && (
        <ul className="notice-fields">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
