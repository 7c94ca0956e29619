import type { ReactNode } from 'react';
import type { Paged } from '../api/use-paged';
import { useI18n } from '../i18n/i18n';
import { ErrorNotice } from './error-notice';

// Renders a paged list: a loading line, its error, or the rows followed by "load more" (while older rows
// may exist) and the error of the last "load more".

export function PagedView<T>({
  paged,
  moreLabel,
  children,
}: {
  paged: Paged<T>;
  moreLabel?: string;
  children: (items: T[]) => ReactNode;
}) {
  const { t } = useI18n();
  if (paged.error !== null) return <ErrorNotice error={paged.error} onRetry={paged.reload} />;
  if (paged.loading && paged.items.length === 0)
    return (
      <p className="loading" aria-busy="true">
        {t('common.loading')}
      </p>
    );
  return (
    <>
      {children(paged.items)}
      {paged.moreError !== null && <ErrorNotice error={paged.moreError} onRetry={paged.loadMore} />}
      {paged.hasMore && (
        <button
          type="button"
          className="btn btn-secondary load-more"
          disabled={paged.loadingMore}
          onClick={paged.loadMore}
          data-testid="load-more"
        >
          {paged.loadingMore ? t('common.loading') : (moreLabel ?? t('common.loadMore'))}
        </button>
      )}
    </>
  );
}
