import { useState } from 'react';
import { useAction } from '../../api/use-action';
import { ErrorNotice } from '../../components/error-notice';
import { useI18n } from '../../i18n/i18n';

// A button that opens a one-field form asking why (withdraw, dispute, suspend, revoke…): the reason is
// required, the call runs on confirm, and its error stays in view.

export function ReasonAction<T>({
  label,
  confirmLabel,
  fieldLabel,
  danger,
  testId,
  run,
  onDone,
}: {
  label: string;
  confirmLabel?: string;
  fieldLabel: string;
  danger?: boolean;
  testId: string;
  run: (reason: string) => Promise<T>;
  onDone: (result: T) => void;
}) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [hint, setHint] = useState(false);
  const action = useAction();
  if (!open)
    return (
      <button
        type="button"
        className={`btn ${danger ? 'btn-danger' : 'btn-secondary'} btn-small`}
        onClick={() => setOpen(true)}
        data-testid={testId}
      >
        {label}
      </button>
    );
  const confirm = async () => {
    const text = reason.trim();
    if (!text) return setHint(true);
    const r = await action.run(() => run(text));
    if (r !== undefined) {
      setOpen(false);
      setReason('');
      onDone(r);
    }
  };
  return (
    <div className="reason-form" data-testid={`${testId}-form`}>
      <label className="field">
        <span>{fieldLabel}</span>
        <textarea
          rows={2}
          maxLength={2000}
          value={reason}
          onChange={(e) => {
            setReason(e.target.value);
            setHint(false);
          }}
          data-testid={`${testId}-reason`}
        />
      </label>
      {hint && (
        <p className="field-hint" role="alert">
          {t('sharing.reasonRequired')}
        </p>
      )}
      <div className="action-row">
        <button
          type="button"
          className={`btn ${danger ? 'btn-danger' : 'btn-primary'}`}
          disabled={action.busy}
          onClick={() => void confirm()}
          data-testid={`${testId}-confirm`}
        >
          {confirmLabel ?? label}
        </button>
        <button type="button" className="btn btn-secondary" onClick={() => setOpen(false)}>
          {t('catalogue.cancel')}
        </button>
      </div>
      {action.error !== null && <ErrorNotice error={action.error} />}
    </div>
  );
}
