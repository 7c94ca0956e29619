// The notifications module's public door: inboxes, signed webhooks and their outbox.
export { NotificationsService, WEBHOOK_JOB, type NotificationInput } from './notifications.service.js';
export { deliverWebhook } from './webhook-delivery.js';
export { notificationsRoutes } from './notifications.routes.js';
export { notificationsMigrations } from './migrations/index.js';
export {
  verifyWebhook,
  signingInput,
  parseSignatureHeader,
  HEADER_ID,
  HEADER_SIGNATURE,
  HEADER_TIMESTAMP,
} from './domain/webhook-signature.js';
export type { NotificationsDeps, Directory, Enqueue, PayloadResolver } from './notifications.deps.js';
export type { InboxMessage, Webhook, Delivery } from './presenters.js';
