import { api } from './client';
import type {
  Alert,
  AlertStatus,
  CalendarDayInfo,
  CalendarFileWarning,
  CalendarYearInfo,
  Deadline,
  Delivery,
  InboxPage,
  Job,
  JobStatus,
  JobsOverview,
  Severity,
  Webhook,
} from './ops-types';
import { qs } from './query';

// Calls of the operations APIs (inbox, alerts, jobs, webhooks, calendar).

const enc = encodeURIComponent;

// Inbox (every user).
export const listInbox = (f: { unread?: boolean; before?: string; limit?: number }) =>
  api<InboxPage>(
    'GET',
    `/api/v1/inbox${qs({ unread: f.unread || undefined, before: f.before, limit: f.limit })}`,
  );
export const getUnreadCount = () => api<{ unread: number }>('GET', '/api/v1/inbox/unread-count');
export const markMessageRead = (id: string) =>
  api<{ updated: number }>('POST', `/api/v1/inbox/${enc(id)}/read`);
export const markAllRead = () => api<{ updated: number }>('POST', '/api/v1/inbox/read-all');

// Alerts (routed by responsible role; auditors read all).
export const listAlerts = (f: {
  status?: AlertStatus;
  severity?: Severity;
  before?: string;
  limit?: number;
}) => api<Alert[]>('GET', `/api/v1/alerts${qs(f)}`);
export const getAlert = (id: string) => api<Alert>('GET', `/api/v1/alerts/${enc(id)}`);
export const acknowledgeAlert = (id: string) => api<Alert>('POST', `/api/v1/alerts/${enc(id)}/acknowledge`);
export const resolveAlert = (id: string, resolution: string) =>
  api<Alert>('POST', `/api/v1/alerts/${enc(id)}/resolve`, { resolution });

// Jobs (operators).
export const listJobs = (f: { status?: JobStatus; type?: string; before?: string; limit?: number }) =>
  api<Job[]>('GET', `/api/v1/jobs${qs(f)}`);
export const getJobsOverview = () => api<JobsOverview>('GET', '/api/v1/jobs/overview');
export const getJob = (id: string) => api<Job>('GET', `/api/v1/jobs/${enc(id)}`);
export const retryJob = (id: string) => api<Job>('POST', `/api/v1/jobs/${enc(id)}/retry`);
export const cancelJob = (id: string) => api<Job>('POST', `/api/v1/jobs/${enc(id)}/cancel`);

// Webhooks (org_admin of the organisation; sysadmin any).
export const listWebhooks = (orgId: string) =>
  api<Webhook[]>('GET', `/api/v1/organisations/${enc(orgId)}/webhooks`);
export const createWebhook = (orgId: string, body: { url: string; events: string[]; description?: string }) =>
  api<Webhook>('POST', `/api/v1/organisations/${enc(orgId)}/webhooks`, body);
export const updateWebhook = (id: string, patch: { status?: 'active' | 'disabled' }) =>
  api<Webhook>('PATCH', `/api/v1/webhooks/${enc(id)}`, patch);
export const listDeliveries = (webhookId: string) =>
  api<Delivery[]>('GET', `/api/v1/webhooks/${enc(webhookId)}/deliveries`);

// Working calendar (every user; secadmin loads years).
export const listCalendarYears = () => api<CalendarYearInfo[]>('GET', '/api/v1/calendar/years');
export const getCalendarMonth = (month: string) =>
  api<CalendarDayInfo[]>('GET', `/api/v1/calendar/month${qs({ month })}`);
export const computeDeadline = (from: string, workingDays: number) =>
  api<Deadline>('GET', `/api/v1/calendar/deadline${qs({ from, workingDays })}`);
export const putCalendarYear = (year: number, file: unknown) =>
  api<{ year: number; warnings: CalendarFileWarning[] }>('PUT', `/api/v1/calendar/years/${year}`, file);
