import type { ReactNode } from 'react';
import type { Resource } from '../api/use-resource';
import { useI18n } from '../i18n/i18n';
import { ErrorNotice } from './error-notice';

// Renders a resource: a loading line, its error, or the children with the data.

export function AsyncView<T>({
  resource,
  children,
}: {
  resource: Resource<T>;
  children: (data: T) => ReactNode;
}) {
  const { t } = useI18n();
  if (resource.error !== undefined && resource.error !== null)
    return <ErrorNotice error={resource.error} onRetry={resource.reload} />;
  if (resource.data === undefined)
    return (
      <p className="loading" aria-busy="true">
        {t('common.loading')}
      </p>
    );
  return <>{children(resource.data)}</>;
}
