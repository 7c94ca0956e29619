import { useState } from 'react';
import { reviewResource, type Resource } from '../../api/catalogue';
import { useAction } from '../../api/use-action';
import { useI18n } from '../../i18n/i18n';
import { CatalogueError } from './catalogue-error';

// The bureau's decision on a submitted version: approve (publish; a comment is optional) or return to the
// steward (the comment is required and says what to fix). Used on the review queue and the resource page.

export function ReviewForm({
  resourceId,
  onDecided,
}: {
  resourceId: string;
  onDecided: (r: Resource, decision: 'approve' | 'return') => void;
}) {
  const { t } = useI18n();
  const [comment, setComment] = useState('');
  const [hint, setHint] = useState<string | null>(null);
  const action = useAction();

  const decide = async (decision: 'approve' | 'return') => {
    const text = comment.trim();
    if (decision === 'return' && !text) return setHint(t('catalogue.review.commentRequired'));
    setHint(null);
    const r = await action.run(() =>
      reviewResource(resourceId, { decision, ...(text && { comment: text }) }),
    );
    if (r) onDecided(r, decision);
  };

  return (
    <div className="review-form" data-testid="review-form">
      <label className="field">
        <span>{t('catalogue.review.comment')}</span>
        <textarea
          name="comment"
          rows={3}
          maxLength={4000}
          value={comment}
          placeholder={t('catalogue.review.commentPlaceholder')}
          onChange={(e) => {
            setComment(e.target.value);
            setHint(null);
          }}
          data-testid="review-comment"
        />
      </label>
      {hint && (
        <p className="field-hint" role="alert">
          {hint}
        </p>
      )}
      <div className="action-row">
        <button
          type="button"
          className="btn btn-primary"
          disabled={action.busy}
          onClick={() => void decide('approve')}
          data-testid="review-approve"
        >
          {t('catalogue.review.approve')}
        </button>
        <button
          type="button"
          className="btn btn-danger"
          disabled={action.busy}
          onClick={() => void decide('return')}
          data-testid="review-return"
        >
          {t('catalogue.review.return')}
        </button>
      </div>
      {action.error !== null && <CatalogueError error={action.error} />}
    </div>
  );
}
