// Row types of the notification tables.

export interface InboxRow {
  id: string;
  user_id: string;
  type: string;
  title: string;
  body: string | null;
  subject_type: string;
  subject_id: string;
  link: string | null;
  created_at: string;
  read_at: string | null;
}

export interface WebhookRow {
  id: string;
  org_id: string;
  url: string;
  events: string;
  description: string | null;
  status: string;
  created_at: string;
  updated_at: string;
}

export interface DeliveryRow {
  id: string;
  webhook_id: string;
  event_type: string;
  payload: string;
  status: string;
  attempts: number;
  last_status_code: number | null;
  last_error: string | null;
  created_at: string;
  delivered_at: string | null;
}

export interface AttemptRow {
  id: string;
  delivery_id: string;
  attempt: number;
  at: string;
  status_code: number | null;
  error: string | null;
  duration_ms: number;
}

export interface NotificationTables {
  inbox_messages: InboxRow;
  webhooks: WebhookRow;
  webhook_deliveries: DeliveryRow;
  webhook_attempts: AttemptRow;
}
