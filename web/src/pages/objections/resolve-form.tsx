import { useMemo, useState } from 'react';
import type { Item } from '../../api/catalogue';
import { useAction } from '../../api/use-action';
import { useI18n } from '../../i18n/i18n';
import { Field, FormError } from '../sharing/field';
import { violationsOf } from '../sharing/sharing-api';
import { correctionsOf, initialDraft, type CorrectionDraft } from './correction-model';
import { resolveObjection } from './objections-api';
import { valueCodes } from './records-panel';
import type { ObjectionView } from './types';
import { under, ViolationText } from './violation-text';

// The provider resolves an accepted objection, within the resolution deadline: corrected — the named records
// with new values (each changed record gets a new version that flows to subscribers; records left unchanged
// were verified correct) — or dismissed after verification, with a reason. Either takes the disputed flag off.
// The server checks corrections with the resource's rules and names the record and item of each problem
// (`corrections[n].values.I004`), shown beside that record.

type Choice = 'corrected' | 'dismissed';

export function ResolveForm({
  o,
  items,
  onDone,
}: {
  o: ObjectionView;
  items: readonly Item[];
  onDone: () => void;
}) {
  const { t, label } = useI18n();
  const byCode = useMemo(() => new Map(items.map((i) => [i.code, i])), [items]);
  const [choice, setChoice] = useState<Choice>('corrected');
  const [draft, setDraft] = useState<CorrectionDraft>(() => initialDraft(o));
  const [comment, setComment] = useState('');
  const [reason, setReason] = useState('');
  const [hint, setHint] = useState<string | null>(null);
  // The row keys of the corrections last sent, in order: `corrections[n]` names the n-th.
  const [sent, setSent] = useState<string[]>([]);
  const action = useAction();
  const violations = violationsOf(action.error);
  const codes = valueCodes(o, items);
  const general = violations.filter((v) => !/^corrections\[\d+\]/.test(v.field));

  const send = async () => {
    setHint(null);
    if (choice === 'dismissed') {
      if (!reason.trim()) return setHint(t('sharing.reasonRequired'));
      const r = await action.run(() =>
        resolveObjection(o.id, { outcome: 'dismissed', reason: reason.trim() }),
      );
      if (r) onDone();
      return;
    }
    const corrections = correctionsOf(o, draft, byCode);
    if (!corrections.length) return setHint(t('objections.resolve.noChanges'));
    setSent(corrections.map((c) => c.record));
    const r = await action.run(() =>
      resolveObjection(o.id, {
        outcome: 'corrected',
        corrections,
        ...(comment.trim() && { comment: comment.trim() }),
      }),
    );
    if (r) onDone();
  };

  return (
    <section className="card decision-form" data-testid="resolve-form">
      <h3>{t('objections.resolve.title')}</h3>
      <div className="segmented" role="radiogroup" aria-label={t('objections.resolve.title')}>
        {(['corrected', 'dismissed'] as const).map((c) => (
          <button
            key={c}
            type="button"
            role="radio"
            aria-checked={choice === c}
            className={choice === c ? 'active' : undefined}
            onClick={() => setChoice(c)}
            data-testid={`resolve-${c}`}
          >
            {label('objections.resolve.', c)}
          </button>
        ))}
      </div>
      {choice === 'corrected' ? (
        <>
          <p className="muted small">{t('objections.resolve.correctHint')}</p>
          <div className="table-wrap">
            <table className="data-table records-table correction-table" data-testid="corrections">
              <thead>
                <tr>
                  <th scope="col">{t('exchange.records.row')}</th>
                  {codes.map((c) => (
                    <th key={c} scope="col">
                      <span className="col-label">{byCode.get(c)?.label ?? c}</span>{' '}
                      <code className="muted small">{c}</code>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {o.records.map((r) => {
                  const n = sent.indexOf(r.record);
                  const problems = n >= 0 ? under(violations, `corrections[${n}]`) : [];
                  return (
                    <tr
                      key={r.record}
                      data-testid="correction-row"
                      data-record={r.record}
                      data-invalid={problems.length ? 'true' : undefined}
                      className={problems.length ? 'entry-invalid' : undefined}
                    >
                      <td className="num">
                        {r.ordinal + 1}
                        <ViolationText items={problems} testId="correction-error" />
                      </td>
                      {codes.map((c) => {
                        const text = draft[r.record]?.[c] ?? '';
                        const key = byCode.get(c)?.primaryKey;
                        const changed = text.trim() !== String(r.values?.[c] ?? '').trim();
                        return (
                          <td key={c} data-code={c} className={changed ? 'cell-changed' : undefined}>
                            {key || r.values === null ? (
                              <span className="mono" title={t('objections.resolve.keyItem')}>
                                {text || t('common.none')}
                              </span>
                            ) : (
                              <input
                                value={text}
                                maxLength={1000}
                                aria-label={`${r.ordinal + 1} ${byCode.get(c)?.label ?? c}`}
                                onChange={(e) =>
                                  setDraft((d) => ({
                                    ...d,
                                    [r.record]: { ...d[r.record], [c]: e.target.value },
                                  }))
                                }
                                data-testid="correction-value"
                                data-code={c}
                              />
                            )}
                          </td>
                        );
                      })}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <Field label={t('objections.resolve.comment')} path="comment" error={undefined} wide>
            <textarea
              rows={2}
              maxLength={2000}
              value={comment}
              onChange={(e) => setComment(e.target.value)}
              data-testid="resolve-comment"
            />
          </Field>
        </>
      ) : (
        <Field label={t('objections.resolve.dismissReason')} path="reason" error={undefined} wide>
          <textarea
            rows={3}
            maxLength={2000}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            data-testid="resolve-reason"
          />
        </Field>
      )}
      {hint && (
        <p className="field-hint" role="alert" data-testid="resolve-hint">
          {hint}
        </p>
      )}
      {violations.length > 0 && general.length === 0 && (
        <div className="notice notice-warn" role="alert" data-testid="resolve-invalid">
          {t('objections.resolve.fixRecords', { n: violations.length })}
        </div>
      )}
      <FormError error={violations.length && !general.length ? null : action.error} violations={general} />
      <div className="action-row">
        <button
          type="button"
          className={`btn ${choice === 'dismissed' ? 'btn-danger' : 'btn-primary'}`}
          disabled={action.busy}
          onClick={() => void send()}
          data-testid="resolve-send"
        >
          {label('objections.resolve.send.', choice)}
        </button>
      </div>
    </section>
  );
}
