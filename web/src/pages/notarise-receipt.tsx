import { getNotarisation } from '../api/evidence-endpoints';
import type { NotarisationReceipt } from '../api/evidence-types';
import { useAction } from '../api/use-action';
import { downloadJson } from '../components/download-json';
import { ErrorNotice } from '../components/error-notice';
import { useI18n } from '../i18n/i18n';
import { navigate } from '../nav/router';
import { handOverReceipt } from './verify-handoff';

// The receipt of a notarisation: where the entry sits in the log, the checkpoint and its cosignatures, and
// whether it is final (a checkpoint covering it carries the witness quorum). "Refresh" fetches it again,
// which upgrades it to the newest cosigned checkpoint; "Download" saves the JSON anyone can verify.

export function NotariseReceipt({
  receipt: r,
  onUpdate,
}: {
  receipt: NotarisationReceipt;
  onUpdate: (r: NotarisationReceipt) => void;
}) {
  const { t, label, dateTime } = useI18n();
  const action = useAction();
  const size = r.checkpoint.split('\n')[1] ?? '';

  const refresh = async () => {
    const updated = await action.run(() => getNotarisation(r.id));
    if (updated) onUpdate(updated);
  };

  const verify = () => {
    handOverReceipt(r);
    navigate('/verify');
  };

  return (
    <section className="card" data-testid="notarise-receipt">
      <div className="section-heading">
        <h3>{t('notarise.receipt')}</h3>
        <span
          className={`badge ${r.final ? 'badge-final' : 'badge-not-final'}`}
          data-testid="receipt-state"
          data-final={r.final ? 'true' : 'false'}
        >
          {r.final ? t('notarise.final') : t('notarise.notFinal')}
        </span>
      </div>
      <p className={`notice ${r.final ? 'notice-success' : 'notice-warn'}`}>
        {r.final ? t('notarise.finalHint') : t('notarise.notFinalHint')}
      </p>
      <dl className="fields">
        <dt>{t('notarise.id')}</dt>
        <dd className="mono" data-testid="receipt-id">
          {r.id}
        </dd>
        <dt>{t('notarise.time')}</dt>
        <dd>{dateTime(r.time)}</dd>
        <dt>{t('notarise.receiptDigest')}</dt>
        <dd className="hash">
          {label('hashAlg.', r.digest.alg)} {r.digest.value}
        </dd>
        <dt>{t('notarise.leafIndex')}</dt>
        <dd data-testid="receipt-index">{r.leafIndex}</dd>
        <dt>{t('notarise.checkpoint')}</dt>
        <dd>{t('notarise.checkpointOf', { size })}</dd>
        <dt>{t('notarise.cosignatures')}</dt>
        <dd data-testid="receipt-cosignatures">{t('notarise.cosignCount', { n: r.cosignatures.length })}</dd>
      </dl>
      <h3>{t('ledger.note')}</h3>
      <pre className="code-block note-text">{r.checkpoint}</pre>
      {action.error !== null && <ErrorNotice error={action.error} />}
      <div className="action-row">
        <button
          type="button"
          className="btn btn-primary"
          onClick={() => downloadJson(`orderly-receipt-${r.id}.json`, r)}
          data-testid="receipt-download"
        >
          {t('notarise.download')}
        </button>
        <button
          type="button"
          className="btn btn-secondary"
          disabled={action.busy}
          onClick={() => void refresh()}
          data-testid="receipt-refresh"
        >
          {t('notarise.refresh')}
        </button>
        <button type="button" className="btn btn-secondary" onClick={verify} data-testid="receipt-verify">
          {t('notarise.verify')}
        </button>
      </div>
    </section>
  );
}
