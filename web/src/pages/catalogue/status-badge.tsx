import { useI18n } from '../../i18n/i18n';

// Lifecycle states of a resource (草稿 / 待审核 / 已发布 / 已撤销) and of one version (… 已退回 / 已被替代 /
// 已作废), coloured by state. Their own classes (cat-state-*) keep them apart from other workflows' badges.

export function ResourceStatusBadge({ status }: { status: string }) {
  const { label } = useI18n();
  return (
    <span
      className={`badge cat-state cat-state-${status}`}
      data-testid="resource-status"
      data-status={status}
    >
      {label('catalogue.status.', status)}
    </span>
  );
}

export function VersionStatusBadge({ status }: { status: string }) {
  const { label } = useI18n();
  return (
    <span className={`badge cat-state cat-state-${status}`} data-status={status}>
      {label('catalogue.versionStatus.', status)}
    </span>
  );
}
