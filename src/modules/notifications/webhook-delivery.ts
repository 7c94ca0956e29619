import { newId, systemLookup } from '../../kernel/index.js';
import { HEADER_ID, HEADER_SIGNATURE, HEADER_TIMESTAMP, signWebhook } from './domain/webhook-signature.js';
import type { NotificationsDeps } from './notifications.deps.js';
import { notificationsRepo as repo } from './notifications.repository.js';
import { webhookTargetProblem } from './webhook-target.js';

// The job handler that delivers one outbox row. Every attempt is recorded; a non-2xx answer or a network
// error throws so the job runner retries with backoff; after the last attempt the delivery is marked dead.
// Receivers deduplicate by the Orderly-Webhook-Id header (at-least-once delivery).

/** The job context fields the handler needs. */
export interface DeliveryJob {
  job: { attempts: number; maxAttempts: number };
}

/** Delivers one webhook delivery; throws to request a retry. */
export async function deliverWebhook(
  deps: NotificationsDeps,
  payload: unknown,
  ctx: DeliveryJob,
): Promise<unknown> {
  const { deliveryId } = payload as { deliveryId: string };
  const db = deps.db.kysely;
  const d = await repo.delivery(db, deliveryId);
  if (!d || d.status === 'delivered') return { skipped: true };
  const hook = await repo.webhook(db, d.webhook_id);
  if (!hook || hook.status !== 'active') {
    await repo.updateDelivery(db, d.id, { status: 'cancelled', last_error: 'webhook disabled' });
    return { skipped: true };
  }
  const started = Date.now();
  const at = deps.clock.now();
  const timestamp = Math.floor(at.getTime() / 1000);
  const key = deps.keyring.current('webhook');
  let status: number | null = null;
  let error: string | null = null;
  const refused = await webhookTargetProblem(hook.url, deps.webhookAllowPrivate, deps.lookup ?? systemLookup);
  try {
    if (refused) throw new Error(`refused: ${refused}`);
    const resolver = deps.payloadResolvers?.get(d.event_type);
    const out = resolver ? await resolver(d.payload) : { body: d.payload };
    const res = await fetch(hook.url, {
      method: 'POST',
      headers: {
        ...out.headers,
        'content-type': 'application/json; charset=utf-8',
        'user-agent': 'Orderly-Webhooks/1',
        [HEADER_ID]: d.id,
        [HEADER_TIMESTAMP]: String(timestamp),
        [HEADER_SIGNATURE]: signWebhook(key, d.id, timestamp, out.body),
      },
      body: out.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(deps.webhookTimeoutMs),
    });
    status = res.status;
    await res.arrayBuffer().catch(() => undefined);
    if (status < 200 || status >= 300) error = `receiver answered ${status}`;
  } catch (e) {
    error = e instanceof Error ? `${e.name}: ${e.message}`.slice(0, 300) : 'delivery failed';
  }
  const attempt = d.attempts + 1;
  const last = ctx.job.attempts >= ctx.job.maxAttempts;
  await db.transaction().execute(async (tx) => {
    await repo.insertAttempt(tx, {
      id: newId(),
      delivery_id: d.id,
      attempt,
      at: at.toISOString(),
      status_code: status,
      error,
      duration_ms: Date.now() - started,
    });
    await repo.updateDelivery(tx, d.id, {
      attempts: attempt,
      last_status_code: status,
      last_error: error,
      status: error ? (last ? 'dead' : 'retrying') : 'delivered',
      ...(!error && { delivered_at: deps.clock.now().toISOString() }),
    });
  });
  if (error) throw new Error(error);
  return { delivered: true, status };
}
