import { useState } from 'react';
import { useAction } from '../../api/use-action';
import { ErrorNotice } from '../../components/error-notice';
import { useI18n } from '../../i18n/i18n';
import { rateObjection } from './objections-api';
import type { Objection, ObjectionView } from './types';

// The raiser rates the handling once the provider has finished (rejected, corrected or dismissed): 1–5 and
// whether the problem was solved, with an optional comment. Rating archives the objection.

const SCORES = [1, 2, 3, 4, 5] as const;

export function RateForm({ o, onDone }: { o: ObjectionView; onDone: () => void }) {
  const { t } = useI18n();
  const [rating, setRating] = useState<number | null>(null);
  const [solved, setSolved] = useState<boolean | null>(null);
  const [comment, setComment] = useState('');
  const [hint, setHint] = useState(false);
  const action = useAction();
  const send = async () => {
    if (rating === null || solved === null) return setHint(true);
    const r = await action.run(() =>
      rateObjection(o.id, { rating, solved, ...(comment.trim() && { comment: comment.trim() }) }),
    );
    if (r) onDone();
  };
  return (
    <section className="card decision-form" data-testid="rate-form">
      <h3>{t('objections.rate.title')}</h3>
      <p className="muted small">{t('objections.rate.hint')}</p>
      <div className="rate-row" role="radiogroup" aria-label={t('objections.rate.score')}>
        <span className="field-label">{t('objections.rate.score')}</span>
        <span className="segmented">
          {SCORES.map((n) => (
            <button
              key={n}
              type="button"
              role="radio"
              aria-checked={rating === n}
              className={rating === n ? 'active' : undefined}
              onClick={() => {
                setRating(n);
                setHint(false);
              }}
              data-testid={`rate-${n}`}
            >
              {t('objections.rate.stars', { n })}
            </button>
          ))}
        </span>
      </div>
      <div className="rate-row" role="radiogroup" aria-label={t('objections.rate.solved')}>
        <span className="field-label">{t('objections.rate.solved')}</span>
        <span className="segmented">
          {([true, false] as const).map((s) => (
            <button
              key={String(s)}
              type="button"
              role="radio"
              aria-checked={solved === s}
              className={solved === s ? 'active' : undefined}
              onClick={() => {
                setSolved(s);
                setHint(false);
              }}
              data-testid={s ? 'rate-solved' : 'rate-unsolved'}
            >
              {s ? t('objections.rate.yes') : t('objections.rate.no')}
            </button>
          ))}
        </span>
      </div>
      <label className="field">
        <span>{t('objections.rate.comment')}</span>
        <textarea
          rows={2}
          maxLength={2000}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          data-testid="rate-comment"
        />
      </label>
      {hint && (
        <p className="field-hint" role="alert" data-testid="rate-hint">
          {t('objections.rate.needBoth')}
        </p>
      )}
      {action.error !== null && <ErrorNotice error={action.error} />}
      <div className="action-row">
        <button
          type="button"
          className="btn btn-primary"
          disabled={action.busy}
          onClick={() => void send()}
          data-testid="rate-send"
        >
          {t('objections.rate.send')}
        </button>
      </div>
    </section>
  );
}

/** A given rating: the score in words and stars, solved or not, and the comment. */
export function RatingView({ rating: r }: { rating: NonNullable<Objection['rating']> }) {
  const { t } = useI18n();
  return (
    <span data-testid="objection-rating" data-rating={r.rating} data-solved={r.solved ? 'true' : 'false'}>
      <span className="rating-stars" aria-hidden="true">
        {'★'.repeat(r.rating)}
        {'☆'.repeat(5 - r.rating)}
      </span>{' '}
      {t('objections.rate.stars', { n: r.rating })} ·{' '}
      {r.solved ? t('objections.rate.solvedYes') : t('objections.rate.solvedNo')}
      {r.comment && <span className="muted"> · {r.comment}</span>}
    </span>
  );
}
