import { useState } from 'react';
import type { LedgerEntry } from '../api/evidence-types';
import { useResource } from '../api/use-resource';
import { AsyncView } from '../components/async-view';
import { useI18n } from '../i18n/i18n';
import { LedgerCheckpoint } from './ledger-checkpoint';
import { LedgerEntries } from './ledger-entries';
import { loadLedgerHead } from './ledger-head';
import { LedgerProof } from './ledger-proof';
import { LedgerWitnesses } from './ledger-witnesses';

// 证据账本 (auditor; read-only for the secadmin): the latest signed checkpoint and its cosignatures, the
// witnesses, the entries, and a proof viewer that checks an entry's inclusion in the browser.

export function LedgerPage() {
  const { t } = useI18n();
  const head = useResource(loadLedgerHead);
  const [picked, setPicked] = useState<LedgerEntry | null>(null);
  return (
    <div className="page-ledger">
      <p className="page-hint">{t('ledger.hint')}</p>
      <AsyncView resource={head}>
        {(h) =>
          h === null ? (
            <p className="notice notice-info">{t('ledger.noCheckpoint')}</p>
          ) : (
            <>
              <LedgerCheckpoint head={h} onReload={head.reload} />
              <LedgerWitnesses witnesses={h.witnesses} quorum={h.quorum} />
              <LedgerEntries picked={picked?.index ?? null} onPick={setPicked} />
              {picked && <LedgerProof entry={picked} head={h} onClose={() => setPicked(null)} />}
            </>
          )
        }
      </AsyncView>
    </div>
  );
}
