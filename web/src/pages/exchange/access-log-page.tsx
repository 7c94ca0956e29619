import { useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import { usePaged } from '../../api/use-paged';
import { useResource } from '../../api/use-resource';
import { FilterSelect } from '../../components/filter-select';
import { PagedView } from '../../components/paged-view';
import { useHasRole, useSession } from '../../layout/session-context';
import { listAccess, listGrants } from '../sharing/sharing-api';
import type { Grant } from '../sharing/types';
import { accessBoxes, type AccessBox, type AccessRow } from './access-boxes';
import { AccessTable } from './access-table';
import { useResourceNames } from './resource-names';

// 访问记录: who accessed what, when, for which case — the provider's view of accesses to its data, the
// consumer's of its own, the bureau's and auditors' of all. Newest first, paged back by event id, narrowed to
// one grant. The grants of the box name the organisations and label the grant filter (a department may not
// read the other party from the directory).

const PAGE = 50;
const GRANTS = 500;

export function AccessLogPage() {
  const { t, label } = useI18n();
  const { user } = useSession();
  const boxes = accessBoxes(user.roles);
  const [box, setBox] = useState<AccessBox>(boxes[0] ?? 'all');
  const [grantId, setGrantId] = useState('');
  const grants = useResource(() => listGrants({ box, limit: GRANTS }), box);
  const byId = new Map<string, Grant>((grants.data?.items ?? []).map((g) => [g.id, g]));
  const names = useResourceNames([...new Set((grants.data?.items ?? []).map((g) => g.resourceId))]);
  const canOpenGrants = useHasRole('consumer', 'approver', 'reviewer');
  const paged = usePaged<AccessRow>(
    async (before) =>
      (
        await listAccess({ box, limit: PAGE, ...(grantId && { grantId }), ...(before && { before }) })
      ).items.map((a) => ({ ...a, id: a.eventId })),
    PAGE,
    `${box}:${grantId}`,
  );
  const grantLabel = (g: Grant) => {
    const other = box === 'consumer' ? g.provider : g.consumer;
    return `${names.get(g.resourceId) ?? g.resourceId.slice(0, 8)} · ${other.name ?? other.id.slice(-6)} · ${g.validFrom} ~ ${g.validUntil} · ${label('sharing.grantStatus.', g.status)}`;
  };

  return (
    <div className="page-sharing page-exchange">
      <p className="page-hint">{t('exchange.access.hint')}</p>
      <section className="card toolbar toolbar-filters">
        {boxes.length > 1 && (
          <FilterSelect
            label={t('sharing.box')}
            value={box}
            onChange={(v) => {
              setBox(v as AccessBox);
              setGrantId('');
            }}
            testId="access-box"
            options={boxes.map((b) => ({ value: b, label: label('exchange.box.', b) }))}
          />
        )}
        <FilterSelect
          label={t('exchange.access.grant')}
          value={grantId}
          onChange={setGrantId}
          testId="access-grant"
          options={[
            { value: '', label: t('exchange.access.allGrants') },
            ...(grants.data?.items ?? []).map((g) => ({ value: g.id, label: grantLabel(g) })),
          ]}
        />
      </section>
      <section className="card" data-testid="access-log" data-box={box}>
        <PagedView paged={paged} moreLabel={t('exchange.access.more')}>
          {(rows) => <AccessTable rows={rows} box={box} grants={byId} linkGrants={canOpenGrants} />}
        </PagedView>
      </section>
    </div>
  );
}
