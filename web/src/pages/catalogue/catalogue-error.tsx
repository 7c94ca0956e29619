import { violationsOf } from '../../api/catalogue';
import { ErrorNotice } from '../../components/error-notice';
import { useI18n } from '../../i18n/i18n';

// A failed catalogue call: the usual notice (summary, server message, field problems, request ID) and, for a
// 422 from the level policy, every breach as a list — the server explains each one in words a steward can
// act on (which item raised the level, what that level allows).

export function CatalogueError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  const violations = violationsOf(error);
  return (
    <>
      <ErrorNotice error={error} onRetry={onRetry} />
      {violations.length > 0 && (
        <div className="notice notice-warn" data-testid="policy-violations">
          <strong>{t('catalogue.editor.violations')}</strong>
          <ul className="notice-fields">
            {violations.map((v) => (
              <li key={`${v.field}:${v.code}`} data-field={v.field} data-code={v.code}>
                <code>{v.field}</code> {v.message}
              </li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}
