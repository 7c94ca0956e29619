import { useState } from 'react';
import type { Item } from '../../api/catalogue';
import { useAction } from '../../api/use-action';
import { useI18n } from '../../i18n/i18n';
import { Field, FormError } from './field';
import { ScopeEditor } from './scope-editor';
import { initialScope, toScope } from './scope-model';
import { decidePart, mediate, violationsOf } from './sharing-api';
import type { Application, Part } from './types';
import { FieldErrors } from './violations';

// The decision on one part. A provider approver approves with a scope, refuses (a reason and a basis, both
// required) or returns the application for amendment (a comment saying what to change). The bureau, mediating
// a disputed refusal, upholds it (a comment) or grants with a scope it sets — checked exactly like an
// approver's. Both answer with the application, which the page then shows.

type Choice = 'approve' | 'refuse' | 'return' | 'uphold' | 'grant';

export function DecisionForm({
  app,
  part,
  items,
  mode,
  onDone,
}: {
  app: Application;
  part: Part;
  /** The resource's items (for labels, levels, default masks and the row filter). */
  items: readonly Item[];
  mode: 'decide' | 'mediate';
  onDone: (a: Application) => void;
}) {
  const { t, label } = useI18n();
  const choices: Choice[] = mode === 'decide' ? ['approve', 'return', 'refuse'] : ['grant', 'uphold'];
  const [choice, setChoice] = useState<Choice>(choices[0] ?? 'approve');
  const [scope, setScope] = useState(() => initialScope(app, part));
  const [reason, setReason] = useState('');
  const [basis, setBasis] = useState('');
  const [comment, setComment] = useState('');
  const [hint, setHint] = useState<string | null>(null);
  const action = useAction();
  const errors = new FieldErrors(violationsOf(action.error));
  const withScope = choice === 'approve' || choice === 'grant';

  const send = async () => {
    setHint(null);
    const c = comment.trim();
    const body = withScope ? toScope(scope, items) : null;
    if (withScope && !body) return setHint(t('sharing.filter.badJson'));
    if (choice === 'refuse' && (!reason.trim() || !basis.trim()))
      return setHint(t('sharing.decide.refuseNeeds'));
    if ((choice === 'return' || choice === 'uphold' || choice === 'grant') && !c)
      return setHint(t('sharing.decide.commentNeeded'));
    const a = await action.run(() => {
      if (mode === 'mediate')
        return choice === 'grant' && body
          ? mediate(app.id, part.id, { decision: 'grant', scope: body, comment: c })
          : mediate(app.id, part.id, { decision: 'uphold', comment: c });
      if (choice === 'approve' && body)
        return decidePart(app.id, part.id, { decision: 'approve', scope: body });
      if (choice === 'refuse')
        return decidePart(app.id, part.id, {
          decision: 'refuse',
          reason: reason.trim(),
          basis: basis.trim(),
        });
      return decidePart(app.id, part.id, { decision: 'return', comment: c });
    });
    if (a) onDone(a);
  };

  return (
    <div className="decision-form" data-testid={mode === 'decide' ? 'decision-form' : 'mediation-form'}>
      <div className="segmented" role="radiogroup" aria-label={t('sharing.decide.choice')}>
        {choices.map((c) => (
          <button
            key={c}
            type="button"
            role="radio"
            aria-checked={choice === c}
            className={choice === c ? 'active' : undefined}
            onClick={() => setChoice(c)}
            data-testid={`decision-${c}`}
          >
            {label('sharing.decide.', c)}
          </button>
        ))}
      </div>
      {withScope && (
        <ScopeEditor
          value={scope}
          items={items}
          requestedMethods={part.methods}
          applicationClients={app.clientIds}
          durationDays={app.durationDays}
          errors={errors}
          onChange={setScope}
        />
      )}
      {choice === 'refuse' && (
        <div className="form-grid">
          <Field label={t('sharing.decide.reason')} path="reason" error={errors.at('reason')} wide>
            <textarea
              rows={2}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              data-testid="decision-reason"
            />
          </Field>
          <Field label={t('sharing.decide.basis')} path="basis" error={errors.at('basis')} wide>
            <textarea
              rows={2}
              value={basis}
              onChange={(e) => setBasis(e.target.value)}
              data-testid="decision-basis"
            />
          </Field>
        </div>
      )}
      {choice !== 'refuse' && choice !== 'approve' && (
        <Field label={t('sharing.decide.comment')} path="comment" error={errors.at('comment')} wide>
          <textarea
            rows={3}
            value={comment}
            placeholder={choice === 'return' ? t('sharing.decide.returnPlaceholder') : undefined}
            onChange={(e) => setComment(e.target.value)}
            data-testid="decision-comment"
          />
        </Field>
      )}
      {hint && (
        <p className="field-hint" role="alert" data-testid="decision-hint">
          {hint}
        </p>
      )}
      <FormError error={action.error} violations={errors.all} />
      <div className="action-row">
        <button
          type="button"
          className={`btn ${choice === 'refuse' || choice === 'uphold' ? 'btn-danger' : 'btn-primary'}`}
          disabled={action.busy}
          onClick={() => void send()}
          data-testid="decision-send"
        >
          {label('sharing.decide.send.', choice)}
        </button>
      </div>
    </div>
  );
}
