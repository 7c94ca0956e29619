import { useI18n } from '../../i18n/i18n';
import type { ObjectionDeadline, ObjectionStatus } from './types';

// An objection's state and its running deadline as people read them. The deadline uses the sharing pages'
// SLA colours (green, amber on the last working day, red once overdue); the words say the same as the colour.

export function ObjectionStatusBadge({ status }: { status: ObjectionStatus }) {
  const { label } = useI18n();
  return (
    <span
      className={`badge objection-badge ob-${status}`}
      data-status={status}
      data-testid="objection-status"
    >
      {label('objections.status.', status)}
    </span>
  );
}

export function DeadlineBadge({ deadline }: { deadline: ObjectionDeadline | null }) {
  const { t, label } = useI18n();
  if (!deadline?.sla || !deadline.stage) return <span className="muted">{t('common.none')}</span>;
  const n = deadline.workingDaysLeft ?? 0;
  return (
    <span
      className={`badge sla-badge sla-${deadline.sla}`}
      data-testid="objection-sla"
      data-state={deadline.sla}
      data-stage={deadline.stage}
      title={`${label('objections.stage.', deadline.stage)} · ${t('objections.due', { date: deadline.dueDate ?? deadline.dueAt.slice(0, 10) })}`}
    >
      <span className="sla-dot" aria-hidden="true" />
      {label('objections.stage.', deadline.stage)}
      {' · '}
      {deadline.sla === 'red' ? t('objections.sla.overdue') : t('objections.sla.left', { n })}
    </span>
  );
}
