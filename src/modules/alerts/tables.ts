export type Severity = 'info' | 'warning' | 'critical';
export type AlertStatus = 'open' | 'acknowledged' | 'resolved';

/** A row of the alerts table. */
export interface AlertRow {
  id: string;
  severity: Severity;
  source: string;
  type: string;
  title: string;
  detail: string | null;
  subject_type: string;
  subject_id: string;
  org_id: string | null;
  responsible_role: string;
  dedup_key: string | null;
  occurrences: number;
  status: AlertStatus;
  raised_at: string;
  last_seen_at: string;
  acknowledged_at: string | null;
  acknowledged_by: string | null;
  resolved_at: string | null;
  resolved_by: string | null;
  resolution: string | null;
}

export interface AlertTables {
  alerts: AlertRow;
}
