import { useState, type FormEvent } from 'react';
import type { Resource } from '../../api/catalogue';
import { getRules, putRules, type Rule, type RuleSet } from '../../api/quality';
import { useAction } from '../../api/use-action';
import { useResource } from '../../api/use-resource';
import { AsyncView } from '../../components/async-view';
import { ErrorNotice } from '../../components/error-notice';
import { useI18n } from '../../i18n/i18n';
import { useSession } from '../../layout/session-context';
import { isProviderSteward } from './access';
import { itemLabeller } from './format';
import { SeverityTag } from './job-status';

// 校验规则: the rules generated from the items and the provider's own, in one table. The provider's stewards
// edit their own as JSON; the server checks every rule (kinds, parameters, items, safe patterns) and its
// problems show field by field. The next load applies the saved rules.

export function RulesPanel({ resource: r }: { resource: Resource }) {
  const { t } = useI18n();
  const [round, setRound] = useState(0);
  const rules = useResource(() => getRules(r.id), `${r.id}:${round}`);
  return (
    <section className="card" data-testid="quality-rules">
      <h3>{t('quality.rules.title')}</h3>
      <p className="page-hint">{t('quality.rules.hint')}</p>
      <AsyncView resource={rules}>
        {(set) => <RulesView resource={r} set={set} onSaved={() => setRound((n) => n + 1)} />}
      </AsyncView>
    </section>
  );
}

function RulesView({ resource: r, set, onSaved }: { resource: Resource; set: RuleSet; onSaved: () => void }) {
  const { t, label } = useI18n();
  const { user } = useSession();
  const itemLabel = itemLabeller(r.items);
  const rows: (Rule & { origin: 'generated' | 'steward' })[] = [
    ...set.generated.map((x) => ({ ...x, origin: 'generated' as const })),
    ...set.steward.map((x) => ({ ...x, origin: 'steward' as const })),
  ];
  return (
    <>
      <div className="table-wrap">
        <table className="data-table rule-table" data-testid="rule-table">
          <thead>
            <tr>
              <th scope="col">{t('quality.rules.id')}</th>
              <th scope="col">{t('quality.rules.items')}</th>
              <th scope="col">{t('quality.rules.kind')}</th>
              <th scope="col">{t('quality.rules.params')}</th>
              <th scope="col">{t('quality.rules.severity')}</th>
              <th scope="col">{t('quality.rules.origin')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((x) => (
              <tr key={`${x.origin}:${x.id}`} data-testid="rule-row" data-origin={x.origin} data-rule={x.id}>
                <td className="mono small rule-id">{x.id}</td>
                <td>{x.items.map(itemLabel).join('、')}</td>
                <td className="nowrap">{label('quality.kind.', x.spec.kind)}</td>
                <td className="mono small break">{params(x.spec) || t('common.none')}</td>
                <td>
                  <SeverityTag severity={x.severity} />
                </td>
                <td>
                  <span className={`tag rule-origin-${x.origin}`}>{label('quality.rules.', x.origin)}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {isProviderSteward(user, r) && <RulesEditor resourceId={r.id} rules={set.steward} onSaved={onSaved} />}
    </>
  );
}

/** A spec's parameters (all but the kind) as compact JSON. */
function params(spec: Rule['spec']): string {
  const { kind: _kind, ...rest } = spec;
  return Object.keys(rest).length ? JSON.stringify(rest) : '';
}

function RulesEditor({
  resourceId,
  rules,
  onSaved,
}: {
  resourceId: string;
  rules: Rule[];
  onSaved: () => void;
}) {
  const { t } = useI18n();
  const initial = JSON.stringify(
    rules.map(({ origin: _origin, ...x }) => x),
    null,
    2,
  );
  const [open, setOpen] = useState(false);
  const [text, setText] = useState(initial);
  const [hint, setHint] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const action = useAction();

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setDone(null);
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (err) {
      return setHint(
        t('quality.rules.badJson', { message: err instanceof Error ? err.message : String(err) }),
      );
    }
    if (!Array.isArray(parsed)) return setHint(t('quality.rules.notArray'));
    setHint(null);
    const r = await action.run(() => putRules(resourceId, parsed as unknown[]));
    if (!r) return;
    setDone(t('quality.rules.saved', { n: r.steward.length }));
    onSaved();
  };

  if (!open)
    return (
      <div className="action-row">
        <button
          type="button"
          className="btn btn-secondary"
          onClick={() => setOpen(true)}
          data-testid="rules-edit"
        >
          {t('quality.rules.edit')}
        </button>
        {done && (
          <span className="notice notice-success" role="status" data-testid="rules-saved">
            {done}
          </span>
        )}
      </div>
    );
  return (
    <form className="rules-editor" onSubmit={(e) => void save(e)} noValidate>
      <h4>{t('quality.rules.edit')}</h4>
      <p className="page-hint">{t('quality.rules.editorHint')}</p>
      <textarea
        className="mono"
        rows={Math.min(24, Math.max(8, text.split('\n').length + 1))}
        spellCheck={false}
        value={text}
        onChange={(e) => setText(e.target.value)}
        aria-label={t('quality.rules.edit')}
        data-testid="rules-json"
      />
      {hint && (
        <p className="field-hint" role="alert">
          {hint}
        </p>
      )}
      {action.error !== null && <ErrorNotice error={action.error} />}
      {done && (
        <div className="notice notice-success" role="status" data-testid="rules-saved">
          {done}
        </div>
      )}
      <div className="action-row">
        <button type="submit" className="btn btn-primary" disabled={action.busy} data-testid="rules-save">
          {t('quality.rules.save')}
        </button>
        <button
          type="button"
          className="btn btn-secondary"
          onClick={() => {
            setOpen(false);
            setText(initial);
            setHint(null);
            action.clear();
          }}
        >
          {t('catalogue.cancel')}
        </button>
      </div>
    </form>
  );
}
