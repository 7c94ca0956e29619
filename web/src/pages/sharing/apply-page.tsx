import { useResource } from '../../api/use-resource';
import { AsyncView } from '../../components/async-view';
import { useI18n } from '../../i18n/i18n';
import { Link } from '../../nav/router';
import { EMPTY_DRAFT, fromApplication } from './application-model';
import { returnComment } from './format';
import { ApplicationForm } from './application-form';
import { getApplication } from './sharing-api';

// 发起申请 (a new application) and 修改申请 (a draft, or an application returned for amendment).

/** A new application. */
export function ApplyPage() {
  const { t } = useI18n();
  return (
    <div className="page-sharing">
      <p className="page-hint">{t('sharing.apply.hint')}</p>
      <ApplicationForm initial={EMPTY_DRAFT} />
    </div>
  );
}

/** Amending a draft or returned application. */
export function AmendPage({ id }: { id: string }) {
  const { t } = useI18n();
  const app = useResource(() => getApplication(id), id);
  return (
    <div className="page-sharing">
      <AsyncView resource={app}>
        {(a) =>
          a.status === 'draft' || a.status === 'returned' ? (
            <>
              {a.status === 'returned' && returnComment(a) && (
                <div className="notice notice-warn" data-testid="return-comment">
                  <strong>{t('sharing.app.returnedBecause')}</strong> {returnComment(a)}
                </div>
              )}
              <ApplicationForm initial={fromApplication(a)} existing={a} />
            </>
          ) : (
            <p className="notice notice-info">
              {t('sharing.apply.notEditable')}{' '}
              <Link to={`/sharing/applications/${a.id}`}>{t('sharing.app.open')}</Link>
            </p>
          )
        }
      </AsyncView>
    </div>
  );
}
