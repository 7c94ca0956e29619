import { encodeBase64 } from '../evidence/bytes';
import { useI18n } from '../i18n/i18n';
import type { LedgerHead } from './ledger-head';

// 最新检查点: origin, size, root and time of the latest signed checkpoint, its log signature and the witness
// cosignatures (both checked in the browser) against the quorum, and the signed note itself.

export function LedgerCheckpoint({ head, onReload }: { head: LedgerHead; onReload: () => void }) {
  const { t, label, dateTime } = useI18n();
  const { checkpoint: cp, logSignature: sig } = head;
  const met = head.cosigned.length >= head.quorum;
  return (
    <section className="card" data-testid="ledger-checkpoint">
      <div className="section-heading">
        <h3>{t('ledger.checkpoint')}</h3>
        <button type="button" className="btn btn-small btn-secondary" onClick={onReload}>
          {t('common.refresh')}
        </button>
      </div>
      <dl className="fields">
        <dt>{t('ledger.origin')}</dt>
        <dd className="mono" data-testid="ledger-origin">
          {cp.origin}
        </dd>
        <dt>{t('ledger.hashAlg')}</dt>
        <dd>{label('hashAlg.', head.alg)}</dd>
        <dt>{t('ledger.size')}</dt>
        <dd data-testid="ledger-size">{cp.size}</dd>
        <dt>{t('ledger.root')}</dt>
        <dd className="hash" data-testid="ledger-root">
          {encodeBase64(cp.rootHash)}
        </dd>
        <dt>{t('ledger.createdAt')}</dt>
        <dd>{dateTime(head.createdAt)}</dd>
        <dt>{t('ledger.logSignature')}</dt>
        <dd data-testid="ledger-signature" data-status={sig.status}>
          <span className={`badge ${sig.status === 'verified' ? 'badge-final' : 'badge-invalid'}`}>
            {t(`ledger.sig.${sig.status}`)}
          </span>{' '}
          <span className="mono muted">{sig.names.join(', ')}</span>
        </dd>
        <dt>{t('ledger.cosignatures')}</dt>
        <dd data-testid="ledger-cosignatures">
          {t('ledger.cosignCount', { n: head.cosigned.length, quorum: head.quorum })}{' '}
          <span className={`badge ${met ? 'badge-final' : 'badge-not-final'}`}>
            {met ? t('ledger.quorumMet') : t('ledger.quorumNotMet')}
          </span>
          {head.cosigned.length > 0 && (
            <span className="muted"> {head.cosigned.map((c) => c.name).join(', ')}</span>
          )}
        </dd>
      </dl>
      <h3>{t('ledger.note')}</h3>
      <pre className="code-block note-text" data-testid="ledger-note">
        {head.note}
      </pre>
    </section>
  );
}
