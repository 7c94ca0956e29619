import { useResource } from '../../api/use-resource';
import { AsyncView } from '../../components/async-view';
import { useI18n } from '../../i18n/i18n';
import { Link } from '../../nav/router';
import { orgName } from '../sharing/format';
import { getGrant } from '../sharing/sharing-api';
import { SharingBadge } from '../sharing/sla-badge';
import type { Grant } from '../sharing/types';
import { useCatalogueResource } from '../sharing/use-catalogue';
import { GrantPackages } from '../packages';
import { RecordsBrowser } from './records-browser';

// 我的数据 of one grant: what it is (resource, provider, methods, validity, status) and, when it allows the
// API method, its records through the exchange; when it allows the package method, its packages (数据包).
// Whether a read is allowed is decided by the exchange on every query, so a grant revoked meanwhile is refused
// there; the status shown is then read again.

export function GrantDataPage({ id }: { id: string }) {
  const grant = useResource(() => getGrant(id), id);
  return (
    <div className="page-sharing page-exchange">
      <AsyncView resource={grant}>{(g) => <GrantData grant={g} onDenied={grant.reload} />}</AsyncView>
    </div>
  );
}

function GrantData({ grant: g, onDenied }: { grant: Grant; onDenied: () => void }) {
  const { t, label } = useI18n();
  const doc = useCatalogueResource(g.resourceId);
  const packages = g.scope.methods.includes('package');
  const methods = g.scope.methods.map((m) => label('catalogue.method.', m)).join(t('sharing.sep'));
  return (
    <>
      <section className="card" data-testid="data-grant-head" data-grant={g.id} data-status={g.status}>
        <div className="part-head">
          <h2 className="app-title">
            <Link to={`/catalogue/resources/${g.resourceId}`}>{doc?.name ?? g.resourceId}</Link>
          </h2>
          <SharingBadge prefix="sharing.grantStatus." value={g.status} testId="grant-status" />
        </div>
        <dl className="part-facts">
          <dt>{t('sharing.grant.provider')}</dt>
          <dd>{orgName(g.provider)}</dd>
          <dt>{t('sharing.scope.methods')}</dt>
          <dd>{methods}</dd>
          <dt>{t('sharing.grant.validity')}</dt>
          <dd>
            {g.validFrom} ~ {g.validUntil}
          </dd>
          <dt>{t('sharing.field.purpose')}</dt>
          <dd className="pre-line">{g.scope.purpose}</dd>
          <dt>{t('exchange.data.grant')}</dt>
          <dd>
            <Link to={`/sharing/grants/${g.id}`}>{t('sharing.grant.detail')}</Link>
          </dd>
        </dl>
      </section>
      {!g.scope.methods.includes('api') ? (
        <div className="notice notice-info" data-testid="data-no-api">
          {packages ? t('packages.data.packageOnly') : t('exchange.data.noApi', { methods })}
        </div>
      ) : doc === undefined ? (
        <p className="loading" aria-busy="true">
          {t('common.loading')}
        </p>
      ) : (
        // Without the catalogue document the columns fall back to item codes; the data itself is unaffected.
        <RecordsBrowser grant={g} items={doc?.items ?? []} onDenied={onDenied} />
      )}
      {packages && doc !== undefined && (
        <GrantPackages grant={g} items={doc?.items ?? []} fileResource={doc?.format === 'file'} />
      )}
    </>
  );
}
