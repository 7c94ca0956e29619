import { useState } from 'react';
import { useResource } from '../../api/use-resource';
import { AsyncView } from '../../components/async-view';
import { FilterSelect } from '../../components/filter-select';
import { useI18n } from '../../i18n/i18n';
import { useHasRole } from '../../layout/session-context';
import { DemandCard } from './demand-card';
import { DemandForm } from './demand-form';
import { listDemands } from './sharing-api';
import { DEMAND_STATUSES, type DemandBox, type DemandStatus } from './types';

// 需求清单: needs for data the catalogue does not list. A consumer posts and follows its own; a provider's
// approver answers those routed to its organisation; the bureau routes and closes.

export function DemandsPage() {
  const { t, label } = useI18n();
  const consumer = useHasRole('consumer');
  const approver = useHasRole('approver');
  const boxes: DemandBox[] = [
    ...(consumer ? (['consumer'] as const) : []),
    ...(approver ? (['provider'] as const) : []),
    'all',
  ];
  const [box, setBox] = useState<DemandBox>(boxes[0] ?? 'all');
  const [status, setStatus] = useState<DemandStatus | ''>('');
  const list = useResource(() => listDemands({ box, status }), `${box}:${status}`);

  return (
    <div className="page-sharing">
      <p className="page-hint">{t('sharing.demands.hint')}</p>
      {consumer && <DemandForm onPosted={list.reload} />}
      <section className="card toolbar toolbar-filters">
        {boxes.length > 1 && (
          <FilterSelect
            label={t('sharing.box')}
            value={box}
            onChange={(v) => setBox(v as DemandBox)}
            testId="demand-box"
            options={boxes.map((b) => ({ value: b, label: label('sharing.demandBox.', b) }))}
          />
        )}
        <FilterSelect
          label={t('sharing.app.status')}
          value={status}
          onChange={(v) => setStatus(v as DemandStatus | '')}
          testId="demand-status-filter"
          options={[
            { value: '', label: t('common.all') },
            ...DEMAND_STATUSES.map((s) => ({ value: s, label: label('sharing.demandStatus.', s) })),
          ]}
        />
      </section>
      <AsyncView resource={list}>
        {(r) =>
          r.items.length === 0 ? (
            <section className="card">
              <p className="empty-state" data-testid="demands-empty">
                {t('sharing.demands.empty')}
              </p>
            </section>
          ) : (
            <div data-testid="demands">
              {r.items.map((d) => (
                <DemandCard key={d.id} demand={d} onChanged={list.reload} />
              ))}
            </div>
          )
        }
      </AsyncView>
    </div>
  );
}
