// Shapes of the operations APIs the console reads: inbox, alerts, jobs, webhooks and the working calendar.

/** GET /api/v1/inbox items (newest first). */
export interface InboxMessage {
  id: string;
  type: string;
  title: string;
  body: string | null;
  subject: { type: string; id: string };
  /** Console path of the subject, e.g. '/alerts/<id>'. */
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

export interface InboxPage {
  unread: number;
  items: InboxMessage[];
}

export type Severity = 'info' | 'warning' | 'critical';
export type AlertStatus = 'open' | 'acknowledged' | 'resolved';

/** GET /api/v1/alerts and /alerts/:id */
export interface Alert {
  id: string;
  severity: Severity;
  source: string;
  type: string;
  title: string;
  detail: string | null;
  subject: { type: string; id: string };
  orgId: string | null;
  responsibleRole: string;
  occurrences: number;
  status: AlertStatus;
  raisedAt: string;
  lastSeenAt: string;
  acknowledged: { at: string; by: string | null } | null;
  resolved: { at: string; by: string | null; resolution: string | null } | null;
}

export type JobStatus = 'queued' | 'running' | 'succeeded' | 'dead' | 'cancelled';

/** GET /api/v1/jobs and /jobs/:id */
export interface Job {
  id: string;
  type: string;
  status: JobStatus;
  priority: number;
  runAt: string;
  attempts: number;
  maxAttempts: number;
  idempotencyKey: string | null;
  lockedBy: string | null;
  lockedUntil: string | null;
  lastError: string | null;
  result: unknown;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
}

export interface JobSchedule {
  name: string;
  type: string;
  intervalSeconds: number;
  nextRunAt: string;
  enabled: boolean;
}

/** GET /api/v1/jobs/overview */
export interface JobsOverview {
  byStatus: { status: string; n: number }[];
  schedules: JobSchedule[];
}

/** GET /api/v1/organisations/:id/webhooks */
export interface Webhook {
  id: string;
  orgId: string;
  url: string;
  events: string[];
  description: string | null;
  status: 'active' | 'disabled';
  createdAt: string;
  updatedAt: string;
}

export interface DeliveryAttempt {
  attempt: number;
  at: string;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

/** GET /api/v1/webhooks/:id/deliveries */
export interface Delivery {
  id: string;
  webhookId: string;
  eventType: string;
  status: string;
  attempts: DeliveryAttempt[];
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
}

/** GET /api/v1/calendar/years */
export interface CalendarYearInfo {
  year: number;
  source: string;
  origin: 'shipped' | 'loaded';
  holidays: number;
  workdays: number;
  updatedAt: string | null;
}

export type DayKind = 'weekday' | 'weekend' | 'holiday' | 'makeup-workday';

/** GET /api/v1/calendar/month */
export interface CalendarDayInfo {
  date: string;
  kind: DayKind;
  working: boolean;
  name?: string;
  provisional: boolean;
}

/** GET /api/v1/calendar/deadline */
export interface Deadline {
  dueAt: string;
  dueDate: string;
  provisional: boolean;
}

/** A warning of PUT /api/v1/calendar/years/:year. */
export interface CalendarFileWarning {
  path: string;
  code: string;
  message: string;
}
