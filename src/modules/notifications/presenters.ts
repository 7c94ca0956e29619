import type { AttemptRow, DeliveryRow, InboxRow, WebhookRow } from './tables.js';

/** An inbox message. */
export function presentMessage(r: InboxRow) {
  return {
    id: r.id,
    type: r.type,
    title: r.title,
    body: r.body,
    subject: { type: r.subject_type, id: r.subject_id },
    link: r.link,
    createdAt: r.created_at,
    readAt: r.read_at,
  };
}
export type InboxMessage = ReturnType<typeof presentMessage>;

/** A webhook subscription. */
export function presentWebhook(r: WebhookRow) {
  return {
    id: r.id,
    orgId: r.org_id,
    url: r.url,
    events: JSON.parse(r.events) as string[],
    description: r.description,
    status: r.status,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}
export type Webhook = ReturnType<typeof presentWebhook>;

/** A delivery with its attempts. */
export function presentDelivery(r: DeliveryRow, attempts: AttemptRow[]) {
  return {
    id: r.id,
    webhookId: r.webhook_id,
    eventType: r.event_type,
    status: r.status,
    attempts: attempts.map((a) => ({
      attempt: a.attempt,
      at: a.at,
      statusCode: a.status_code,
      error: a.error,
      durationMs: a.duration_ms,
    })),
    lastStatusCode: r.last_status_code,
    lastError: r.last_error,
    createdAt: r.created_at,
    deliveredAt: r.delivered_at,
  };
}
export type Delivery = ReturnType<typeof presentDelivery>;
