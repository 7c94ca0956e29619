import { ErrorNotice } from '../../components/error-notice';
import { useI18n } from '../../i18n/i18n';
import { Link } from '../../nav/router';
import { OpenHelp } from './open-help';
import { PackageTable } from './package-table';
import { useLivePackages } from './use-live-packages';

// 数据包: every package of the consumer's organisation, newest first, followed while they build. Packages are
// asked for on a grant's page of 我的数据 (the grant must allow the package method).

export function PackagesPage() {
  const { t } = useI18n();
  const live = useLivePackages();
  return (
    <div className="page-exchange page-packages">
      <p className="page-hint">
        {t('packages.page.hint')} <Link to="/exchange/data">{t('packages.page.toData')}</Link>
      </p>
      <section className="card">
        {live.error !== null && <ErrorNotice error={live.error} onRetry={live.reload} />}
        {live.packages === undefined ? (
          live.error === null && (
            <p className="loading" aria-busy="true">
              {t('common.loading')}
            </p>
          )
        ) : (
          <PackageTable packages={live.packages} withGrant />
        )}
      </section>
      <OpenHelp />
    </div>
  );
}
