import { useState } from 'react';
import { useResource } from '../../api/use-resource';
import { AsyncView } from '../../components/async-view';
import { DataTable, type Column } from '../../components/data-table';
import { FilterSelect } from '../../components/filter-select';
import { useI18n } from '../../i18n/i18n';
import { useSession } from '../../layout/session-context';
import { Link } from '../../nav/router';
import { OrgName, ResourceName } from '../sharing/names';
import { objectionBoxes } from './access';
import { DeadlineBadge, ObjectionStatusBadge } from './badges';
import { listObjections } from './objections-api';
import { byUrgency } from './order';
import { OBJECTION_STATUSES, type Objection, type ObjectionBox, type ObjectionStatus } from './types';

// 数据异议: the provider's queue of objections to its organisation's resources (accept or reject, then
// correct or dismiss, each within its working-day deadline), the raiser's history of its own, and for the
// bureau's reviewers and the auditors every objection. Running ones come first, most urgent first; the rest
// newest first. Paged by the server's offset.

const PAGE = 50;

export function ObjectionsPage() {
  const { t, label, dateTime } = useI18n();
  const { user } = useSession();
  const boxes = objectionBoxes(user.roles);
  const [box, setBox] = useState<ObjectionBox>(boxes[0] ?? 'all');
  const [status, setStatus] = useState<ObjectionStatus | ''>('');
  const [offset, setOffset] = useState(0);
  const list = useResource(
    () => listObjections({ box, status, limit: PAGE, offset }),
    `${box}:${status}:${offset}`,
  );

  const columns: Column<Objection>[] = [
    {
      key: 'resource',
      header: t('objections.field.resource'),
      render: (o) => (
        <Link to={`/objections/${o.id}`} testId="objection-open">
          <ResourceName id={o.resourceId} />
        </Link>
      ),
    },
    { key: 'type', header: t('objections.field.type'), render: (o) => label('objections.type.', o.type) },
    ...(box !== 'raised'
      ? [
          {
            key: 'raiser',
            header: t('objections.field.raiser'),
            render: (o: Objection) => <OrgName id={o.raiser?.id ?? null} fallback={o.raiser?.name} />,
          },
        ]
      : []),
    ...(box !== 'provider'
      ? [
          {
            key: 'provider',
            header: t('objections.field.provider'),
            render: (o: Objection) => <OrgName id={o.provider?.id ?? null} fallback={o.provider?.name} />,
          },
        ]
      : []),
    {
      key: 'description',
      header: t('objections.field.description'),
      className: 'cell-clip',
      render: (o) => <span title={o.description}>{o.description}</span>,
    },
    {
      key: 'status',
      header: t('objections.field.status'),
      render: (o) => (
        <span data-testid="objection-row" data-id={o.id} data-status={o.status}>
          <ObjectionStatusBadge status={o.status} />
        </span>
      ),
    },
    {
      key: 'deadline',
      header: t('objections.field.deadline'),
      render: (o) => <DeadlineBadge deadline={o.deadline} />,
    },
    {
      key: 'created',
      header: t('objections.field.createdAt'),
      className: 'nowrap',
      render: (o) => dateTime(o.createdAt),
    },
  ];

  return (
    <div className="page-sharing page-objections">
      <p className="page-hint">{t(`objections.list.hint.${box}`)}</p>
      <section className="card toolbar toolbar-filters">
        {boxes.length > 1 && (
          <FilterSelect
            label={t('sharing.box')}
            value={box}
            onChange={(v) => {
              setBox(v as ObjectionBox);
              setOffset(0);
            }}
            testId="objection-box"
            options={boxes.map((b) => ({ value: b, label: label('objections.box.', b) }))}
          />
        )}
        <FilterSelect
          label={t('objections.field.status')}
          value={status}
          onChange={(v) => {
            setStatus(v as ObjectionStatus | '');
            setOffset(0);
          }}
          testId="objection-status-filter"
          options={[
            { value: '', label: t('common.all') },
            ...OBJECTION_STATUSES.map((s) => ({ value: s, label: label('objections.status.', s) })),
          ]}
        />
        <span className="toolbar-actions">
          <button type="button" className="btn btn-secondary btn-small" onClick={list.reload}>
            {t('common.refresh')}
          </button>
        </span>
      </section>
      <section className="card" data-testid="objections-list" data-box={box}>
        <AsyncView resource={list}>
          {(r) => (
            <>
              <DataTable
                columns={columns}
                rows={[...r.items].sort(byUrgency)}
                rowKey={(o) => o.id}
                testId="objections"
                rowClassName={(o) => `queue-row sla-row-${o.deadline?.sla ?? 'none'}`}
              />
              {r.total > PAGE && (
                <div className="records-pager">
                  <span className="muted">
                    {t('objections.list.range', {
                      from: offset + 1,
                      to: offset + r.items.length,
                      total: r.total,
                    })}
                  </span>
                  <button
                    type="button"
                    className="btn btn-secondary btn-small"
                    disabled={offset === 0}
                    onClick={() => setOffset(Math.max(0, offset - PAGE))}
                  >
                    {t('exchange.records.prev')}
                  </button>
                  <button
                    type="button"
                    className="btn btn-secondary btn-small"
                    disabled={offset + r.items.length >= r.total}
                    onClick={() => setOffset(offset + PAGE)}
                  >
                    {t('exchange.records.next')}
                  </button>
                </div>
              )}
            </>
          )}
        </AsyncView>
      </section>
    </div>
  );
}
