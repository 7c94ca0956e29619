import { useI18n } from '../../i18n/i18n';
import type { Sla } from './types';

// A deadline as people read it: green (more than a working day left), amber (due today or tomorrow), red
// (overdue) or paused (returned for amendment, the days kept). The server computes the state on its working
// calendar; colour is never the only signal, the words say the same.

export function SlaBadge({ sla }: { sla: Sla | null | undefined }) {
  const { t, label, dateTime } = useI18n();
  if (!sla) return <span className="muted">{t('common.none')}</span>;
  const n = sla.remainingWorkingDays;
  const text =
    sla.state === 'red'
      ? t('sharing.sla.overdue')
      : sla.state === 'paused'
        ? t('sharing.sla.paused', { n })
        : t('sharing.sla.left', { n });
  return (
    <span
      className={`badge sla-badge sla-${sla.state}`}
      data-testid="sla"
      data-state={sla.state}
      title={`${label('sharing.stage.', sla.stage)} · ${t('sharing.sla.due', { date: dateTime(sla.dueAt) })}`}
    >
      <span className="sla-dot" aria-hidden="true" />
      {text}
    </span>
  );
}

/** A status of an application, part, grant or demand, translated under its prefix and coloured by value. */
export function SharingBadge({ prefix, value, testId }: { prefix: string; value: string; testId?: string }) {
  const { label } = useI18n();
  return (
    <span className={`badge sharing-badge sb-${value}`} data-status={value} data-testid={testId}>
      {label(prefix, value)}
    </span>
  );
}
