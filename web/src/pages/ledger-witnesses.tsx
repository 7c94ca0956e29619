import type { LedgerWitness } from '../api/evidence-types';
import { StatusBadge } from '../components/badges';
import { DataTable, type Column } from '../components/data-table';
import { useI18n } from '../i18n/i18n';

// 见证方: the registered witnesses (their keys are generated outside the platform) and the newest checkpoint
// each has cosigned.

function shortKey(k: string): string {
  return k.length > 48 ? `${k.slice(0, 30)}…${k.slice(-12)}` : k;
}

export function LedgerWitnesses({ witnesses, quorum }: { witnesses: LedgerWitness[]; quorum: number }) {
  const { t, dateTime } = useI18n();
  const none = t('common.none');
  const columns: Column<LedgerWitness>[] = [
    { key: 'name', header: t('ledger.witnessName'), render: (w) => w.name, className: 'mono' },
    {
      key: 'key',
      header: t('ledger.witnessKey'),
      render: (w) => (
        <code className="truncate" title={w.verifierKey}>
          {shortKey(w.verifierKey)}
        </code>
      ),
    },
    { key: 'description', header: t('ledger.witnessDescription'), render: (w) => w.description ?? none },
    { key: 'status', header: t('ledger.witnessStatus'), render: (w) => <StatusBadge status={w.status} /> },
    {
      key: 'size',
      header: t('ledger.lastCosignedSize'),
      render: (w) => w.lastCosignedSize ?? none,
      className: 'num',
    },
    {
      key: 'at',
      header: t('ledger.lastCosignedAt'),
      render: (w) => dateTime(w.lastCosignedAt),
      className: 'nowrap',
    },
  ];
  return (
    <section className="card">
      <div className="section-heading">
        <h3>{t('ledger.witnesses')}</h3>
        <span className="muted" data-testid="ledger-quorum">
          {t('ledger.quorum', { n: quorum })}
        </span>
      </div>
      <DataTable columns={columns} rows={witnesses} rowKey={(w) => w.id} testId="ledger-witnesses" />
    </section>
  );
}
