import { useEffect, useRef } from 'react';
import type { LedgerEntry } from '../api/evidence-types';
import { useResource } from '../api/use-resource';
import { AsyncView } from '../components/async-view';
import { CheckList } from '../components/check-list';
import { encodeBase64 } from '../evidence/bytes';
import { useI18n } from '../i18n/i18n';
import type { LedgerHead } from './ledger-head';
import { proveEntry } from './ledger-proof-check';

// The proof viewer: one entry's inclusion proof against the latest checkpoint, verified in the browser, with
// the proof path, the root it leads to and (for auditors) the entry itself.

export function LedgerProof({
  entry,
  head,
  onClose,
}: {
  entry: LedgerEntry;
  head: LedgerHead;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const proof = useResource(() => proveEntry(entry, head), `${entry.index}:${head.checkpoint.size}`);
  const ref = useRef<HTMLElement>(null);
  // A block body: newer browsers return a promise from scrollIntoView, which an effect must not return.
  useEffect(() => {
    void ref.current?.scrollIntoView({ block: 'start' });
  }, [entry.index]);
  return (
    <section className="card" ref={ref} data-testid="ledger-proof">
      <div className="section-heading">
        <h3>{t('ledger.proofTitle', { index: entry.index })}</h3>
        <button type="button" className="btn btn-small btn-secondary" onClick={onClose}>
          {t('ledger.close')}
        </button>
      </div>
      <p className="muted">
        {t('ledger.proofAgainst', {
          size: head.checkpoint.size,
          root: encodeBase64(head.checkpoint.rootHash),
        })}
      </p>
      <AsyncView resource={proof}>
        {(p) =>
          p.notCheckpointed ? (
            <p className="notice notice-warn" data-testid="proof-verdict" data-ok="false">
              {t('ledger.notCheckpointed')}
            </p>
          ) : (
            <>
              <p
                className={`notice ${p.ok ? 'notice-success' : 'notice-error'}`}
                role="status"
                data-testid="proof-verdict"
                data-ok={p.ok ? 'true' : 'false'}
              >
                {p.ok ? `✓ ${t('ledger.proofVerified')}` : `✗ ${t('ledger.proofFailed')}`}
              </p>
              <CheckList checks={p.checks} testId="proof-checks" />
              <h3>{t('ledger.proofPath')}</h3>
              {p.path.length === 0 ? (
                <p className="muted">{t('ledger.proofEmpty')}</p>
              ) : (
                <ol className="proof-path" data-testid="proof-path">
                  {p.path.map((h, i) => (
                    <li key={`${i}:${h}`} className="hash">
                      {h}
                    </li>
                  ))}
                </ol>
              )}
              <h3>{t('ledger.computedRoot')}</h3>
              <p className="hash" data-testid="proof-root">
                {p.computedRoot ?? t('common.none')}
              </p>
            </>
          )
        }
      </AsyncView>
      {entry.leaf && (
        <>
          <h3>{t('ledger.leafBody')}</h3>
          <pre className="code-block" data-testid="proof-leaf">
            {JSON.stringify(entry.leaf, null, 2)}
          </pre>
        </>
      )}
    </section>
  );
}
