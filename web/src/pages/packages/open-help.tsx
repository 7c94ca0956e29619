import { listPlatformKeys } from '../../api/endpoints';
import { useAction } from '../../api/use-action';
import { downloadJson } from '../../components/download-json';
import { ErrorNotice } from '../../components/error-notice';
import { useI18n } from '../../i18n/i18n';

// How a downloaded package is opened: offline, with the organisation's encryption private key (which the
// platform never holds) and the platform's public keys, by `orderly package open` (docs/packages.md). The
// public keys can be saved from here as the file the command expects.

export function OpenHelp() {
  const { t } = useI18n();
  const action = useAction();
  const saveKeys = async () => {
    const keys = await action.run(listPlatformKeys);
    if (keys) downloadJson('platform-keys.json', keys);
  };
  return (
    <section className="card" data-testid="package-open-help">
      <h3>{t('packages.open.title')}</h3>
      <p className="page-hint">{t('packages.open.hint')}</p>
      <pre className="code-block" data-testid="package-open-command">
        {t('packages.open.command')}
      </pre>
      <p className="muted small">{t('packages.open.keys')}</p>
      <div className="action-row">
        <button
          type="button"
          className="btn btn-secondary btn-small"
          disabled={action.busy}
          onClick={() => void saveKeys()}
          data-testid="package-platform-keys"
        >
          {t('packages.open.saveKeys')}
        </button>
      </div>
      {action.error !== null && <ErrorNotice error={action.error} />}
    </section>
  );
}
