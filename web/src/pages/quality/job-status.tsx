import type { IngestStatus, Severity } from '../../api/quality';
import { useI18n } from '../../i18n/i18n';

// The state of an ingestion job (排队中 / 进行中 / 已完成 / 失败 / 已取消) and the severity of an issue
// (拒绝 / 警告) as coloured badges; their own classes (q-state-*, q-sev-*) keep them apart from other badges.

export function JobStatusBadge({ status }: { status: IngestStatus }) {
  const { label } = useI18n();
  return (
    <span className={`badge q-state q-state-${status}`} data-testid="job-status" data-status={status}>
      {label('quality.jobStatus.', status)}
    </span>
  );
}

export function SeverityTag({ severity }: { severity: Severity }) {
  const { label } = useI18n();
  return (
    <span className={`badge q-sev q-sev-${severity}`} data-severity={severity}>
      {label('quality.severity.', severity)}
    </span>
  );
}
