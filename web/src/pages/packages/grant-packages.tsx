import type { Item } from '../../api/catalogue';
import { ErrorNotice } from '../../components/error-notice';
import { useI18n } from '../../i18n/i18n';
import type { Grant } from '../sharing/types';
import { OpenHelp } from './open-help';
import { PackageTable } from './package-table';
import { RequestForm } from './request-form';
import { useLivePackages } from './use-live-packages';

// 数据包 of one grant, on its page of 我的数据 when the grant allows the package method: the request form and
// this grant's packages, followed while they build, with how to open a downloaded one.

export function GrantPackages({
  grant,
  items,
  fileResource,
}: {
  grant: Grant;
  items: readonly Item[];
  fileResource: boolean;
}) {
  const { t } = useI18n();
  const live = useLivePackages(grant.id);
  return (
    <>
      <RequestForm grant={grant} items={items} fileResource={fileResource} onRequested={live.reload} />
      <section className="card" data-testid="grant-packages">
        <h3>{t('packages.list.grantTitle')}</h3>
        {live.error !== null && <ErrorNotice error={live.error} onRetry={live.reload} />}
        {live.packages === undefined ? (
          live.error === null && (
            <p className="loading" aria-busy="true">
              {t('common.loading')}
            </p>
          )
        ) : (
          <PackageTable packages={live.packages} withGrant={false} />
        )}
      </section>
      <OpenHelp />
    </>
  );
}
