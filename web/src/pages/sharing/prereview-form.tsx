import { useState } from 'react';
import { useAction } from '../../api/use-action';
import { ErrorNotice } from '../../components/error-notice';
import { useI18n } from '../../i18n/i18n';
import { Field } from './field';
import { prereview } from './sharing-api';
import type { Application } from './types';

// The bureau's pre-review (an application touching 重要/核心 items): pass it to the providers, return it for
// amendment (a comment is required) or refuse every part (a reason and a basis).

type Choice = 'pass' | 'return' | 'refuse';

export function PrereviewForm({ app, onDone }: { app: Application; onDone: (a: Application) => void }) {
  const { t, label } = useI18n();
  const [choice, setChoice] = useState<Choice>('pass');
  const [comment, setComment] = useState('');
  const [reason, setReason] = useState('');
  const [basis, setBasis] = useState('');
  const [hint, setHint] = useState<string | null>(null);
  const action = useAction();

  const send = async () => {
    const c = comment.trim();
    if (choice === 'return' && !c) return setHint(t('sharing.decide.commentNeeded'));
    if (choice === 'refuse' && (!reason.trim() || !basis.trim()))
      return setHint(t('sharing.decide.refuseNeeds'));
    setHint(null);
    const a = await action.run(() =>
      choice === 'pass'
        ? prereview(app.id, { decision: 'pass', ...(c && { comment: c }) })
        : choice === 'return'
          ? prereview(app.id, { decision: 'return', comment: c })
          : prereview(app.id, { decision: 'refuse', reason: reason.trim(), basis: basis.trim() }),
    );
    if (a) onDone(a);
  };

  return (
    <div className="decision-form" data-testid="prereview-form">
      <div className="segmented" role="radiogroup" aria-label={t('sharing.decide.choice')}>
        {(['pass', 'return', 'refuse'] as const).map((c) => (
          <button
            key={c}
            type="button"
            role="radio"
            aria-checked={choice === c}
            className={choice === c ? 'active' : undefined}
            onClick={() => setChoice(c)}
            data-testid={`prereview-${c}`}
          >
            {label('sharing.prereview.', c)}
          </button>
        ))}
      </div>
      {choice === 'refuse' ? (
        <div className="form-grid">
          <Field label={t('sharing.decide.reason')} path="reason" error={undefined} wide>
            <textarea
              rows={2}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              data-testid="prereview-reason"
            />
          </Field>
          <Field label={t('sharing.decide.basis')} path="basis" error={undefined} wide>
            <textarea
              rows={2}
              value={basis}
              onChange={(e) => setBasis(e.target.value)}
              data-testid="prereview-basis"
            />
          </Field>
        </div>
      ) : (
        <Field label={t('sharing.decide.comment')} path="comment" error={undefined} wide>
          <textarea
            rows={2}
            value={comment}
            onChange={(e) => setComment(e.target.value)}
            data-testid="prereview-comment"
          />
        </Field>
      )}
      {hint && (
        <p className="field-hint" role="alert">
          {hint}
        </p>
      )}
      {action.error !== null && <ErrorNotice error={action.error} />}
      <div className="action-row">
        <button
          type="button"
          className={`btn ${choice === 'refuse' ? 'btn-danger' : 'btn-primary'}`}
          disabled={action.busy}
          onClick={() => void send()}
          data-testid="prereview-send"
        >
          {label('sharing.prereview.', choice)}
        </button>
      </div>
    </div>
  );
}
