import { useState, type FormEvent } from 'react';
import { createWebhook } from '../api/ops-endpoints';
import type { Webhook } from '../api/ops-types';
import { useAction } from '../api/use-action';
import { ErrorNotice } from '../components/error-notice';
import { useI18n } from '../i18n/i18n';

// 新建订阅: the receiving URL, the event patterns ('alert.*', 'alert.critical', '*') and a note. The server
// checks the URL (http(s), no credentials, no private addresses) and the patterns; its field errors show here.

/** Event patterns as typed: separated by spaces, commas or 、. */
export function parseEvents(text: string): string[] {
  return [...new Set(text.split(/[\s,，、;；]+/).filter(Boolean))];
}

export function WebhookForm({ orgId, onCreated }: { orgId: string; onCreated: (w: Webhook) => void }) {
  const { t } = useI18n();
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState('alert.*');
  const [description, setDescription] = useState('');
  const [hint, setHint] = useState<string | null>(null);
  const action = useAction();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const list = parseEvents(events);
    if (!url.trim() || list.length === 0) return setHint(t('webhooks.required'));
    setHint(null);
    const w = await action.run(() =>
      createWebhook(orgId, {
        url: url.trim(),
        events: list,
        ...(description.trim() && { description: description.trim() }),
      }),
    );
    if (!w) return;
    setUrl('');
    setDescription('');
    onCreated(w);
  };

  return (
    <section className="card">
      <h3>{t('webhooks.create')}</h3>
      <form onSubmit={(e) => void submit(e)} noValidate data-testid="webhook-form">
        <div className="form-grid">
          <label className="field wide">
            <span>{t('webhooks.url')}</span>
            <input
              name="url"
              type="url"
              inputMode="url"
              maxLength={2000}
              placeholder="https://"
              value={url}
              onChange={(e) => setUrl(e.target.value)}
            />
          </label>
          <label className="field">
            <span>{t('webhooks.events')}</span>
            <input name="events" maxLength={500} value={events} onChange={(e) => setEvents(e.target.value)} />
          </label>
          <label className="field">
            <span>{t('webhooks.description')}</span>
            <input
              name="description"
              maxLength={200}
              value={description}
              onChange={(e) => setDescription(e.target.value)}
            />
          </label>
        </div>
        <p className="muted small">{t('webhooks.eventsHint')}</p>
        {hint && (
          <p className="field-hint" role="alert">
            {hint}
          </p>
        )}
        <div className="action-row">
          <button
            type="submit"
            className="btn btn-primary"
            disabled={action.busy}
            data-testid="webhook-create"
          >
            {t('webhooks.createSubmit')}
          </button>
        </div>
      </form>
      {action.error !== null && <ErrorNotice error={action.error} />}
    </section>
  );
}
