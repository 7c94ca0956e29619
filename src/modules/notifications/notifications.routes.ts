import { z } from 'zod';
import { route, type RouteDef } from '../../kernel/index.js';
import type { NotificationsService } from './notifications.service.js';
import { createWebhookSchema, inboxQuery, updateWebhookSchema } from './notifications.schemas.js';

const idParams = z.object({ id: z.uuid('must be an id') });

/** Inbox and webhook routes. */
export function notificationsRoutes(n: NotificationsService): RouteDef[] {
  const I = ['inbox'];
  const W = ['webhooks'];
  return [
    route({
      method: 'GET',
      url: '/api/v1/inbox',
      summary: 'My messages, newest first, with the unread count',
      tags: I,
      auth: 'user',
      query: inboxQuery,
      handler: ({ ctx, query }) => n.inbox(ctx, query),
    }),
    route({
      method: 'GET',
      url: '/api/v1/inbox/unread-count',
      summary: 'My unread count',
      tags: I,
      auth: 'user',
      handler: ({ ctx }) => n.unreadCount(ctx),
    }),
    route({
      method: 'POST',
      url: '/api/v1/inbox/:id/read',
      summary: 'Mark a message read',
      tags: I,
      auth: 'user',
      params: idParams,
      handler: ({ ctx, params }) => n.markRead(ctx, params.id),
    }),
    route({
      method: 'POST',
      url: '/api/v1/inbox/read-all',
      summary: 'Mark all my messages read',
      tags: I,
      auth: 'user',
      handler: ({ ctx }) => n.markRead(ctx, null),
    }),
    route({
      method: 'GET',
      url: '/api/v1/organisations/:id/webhooks',
      summary: "An organisation's webhooks",
      tags: W,
      auth: 'user',
      params: idParams,
      handler: ({ ctx, params }) => n.webhooks(ctx, params.id),
    }),
    route({
      method: 'POST',
      url: '/api/v1/organisations/:id/webhooks',
      summary: 'Subscribe an endpoint to events (signed deliveries, see docs/webhooks.md)',
      tags: W,
      auth: 'user',
      params: idParams,
      body: createWebhookSchema,
      status: 201,
      handler: ({ ctx, params, body }) => n.createWebhook(ctx, params.id, body),
    }),
    route({
      method: 'PATCH',
      url: '/api/v1/webhooks/:id',
      summary: 'Change or disable a webhook',
      tags: W,
      auth: 'user',
      params: idParams,
      body: updateWebhookSchema,
      handler: ({ ctx, params, body }) => n.updateWebhook(ctx, params.id, body),
    }),
    route({
      method: 'GET',
      url: '/api/v1/webhooks/:id/deliveries',
      summary: 'Recent deliveries with every attempt',
      tags: W,
      auth: 'user',
      params: idParams,
      handler: ({ ctx, params }) => n.deliveries(ctx, params.id),
    }),
  ];
}
