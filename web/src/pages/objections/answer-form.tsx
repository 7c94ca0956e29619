import { useState } from 'react';
import { useAction } from '../../api/use-action';
import { ErrorNotice } from '../../components/error-notice';
import { useI18n } from '../../i18n/i18n';
import { ReasonAction } from '../sharing/reason-form';
import { acceptObjection, rejectObjection } from './objections-api';
import type { ObjectionView } from './types';

// The provider's answer to a raised objection, within its deadline: accept (the named records then read as
// disputed for every consumer, and the resolution deadline starts) with an optional comment, or reject with a
// reason (nothing is flagged; the raiser may rate it).

export function AnswerForm({ o, onDone }: { o: ObjectionView; onDone: () => void }) {
  const { t } = useI18n();
  const [comment, setComment] = useState('');
  const accept = useAction();
  return (
    <section className="card decision-form" data-testid="answer-form">
      <h3>{t('objections.answer.title')}</h3>
      <p className="muted small">{t('objections.answer.hint', { n: o.records.length })}</p>
      <label className="field">
        <span>{t('objections.answer.comment')}</span>
        <textarea
          rows={2}
          maxLength={2000}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          data-testid="accept-comment"
        />
      </label>
      <div className="action-row">
        <button
          type="button"
          className="btn btn-primary"
          disabled={accept.busy}
          onClick={() =>
            void accept
              .run(() => acceptObjection(o.id, comment.trim() || undefined))
              .then((r) => r && onDone())
          }
          data-testid="objection-accept"
        >
          {t('objections.answer.accept')}
        </button>
        <ReasonAction
          label={t('objections.answer.reject')}
          fieldLabel={t('objections.answer.rejectReason')}
          danger
          testId="objection-reject"
          run={(reason) => rejectObjection(o.id, reason)}
          onDone={onDone}
        />
      </div>
      {accept.error !== null && <ErrorNotice error={accept.error} />}
    </section>
  );
}
