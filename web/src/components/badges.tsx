import { useI18n } from '../i18n/i18n';

// Small labels: roles as tags, statuses as coloured badges.

export function RoleTags({ roles }: { roles: readonly string[] }) {
  const { label } = useI18n();
  return (
    <span className="tags">
      {roles.map((r) => (
        <span key={r} className={`tag tag-role-${r}`} title={r}>
          {label('role.', r)}
        </span>
      ))}
    </span>
  );
}

export function StatusBadge({ status, locked = false }: { status: string; locked?: boolean }) {
  const { label } = useI18n();
  const s = locked ? 'locked' : status;
  return <span className={`badge badge-${s}`}>{label('status.', s)}</span>;
}

/** An alert's severity: info (blue), warning (amber), critical (red). */
export function SeverityBadge({ severity }: { severity: string }) {
  const { label } = useI18n();
  return (
    <span className={`badge badge-sev badge-sev-${severity}`} data-severity={severity}>
      {label('severity.', severity)}
    </span>
  );
}

/** A state of a workflow (alert, job, delivery), translated under `prefix` and coloured by value. */
export function StateBadge({ prefix, value }: { prefix: string; value: string }) {
  const { label } = useI18n();
  return <span className={`badge badge-${value}`}>{label(prefix, value)}</span>;
}
