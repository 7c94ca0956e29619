import { useState } from 'react';
import { ApiError } from '../../api/errors';
import { useResource } from '../../api/use-resource';
import { useI18n } from '../../i18n/i18n';
import { Field } from './field';
import { listClients } from './sharing-api';
import type { FieldErrors } from './violations';

// The API clients that will use the data (api, subscription and verification need at least one). The list
// comes from GET /clients; a role that may not read clients (403) types their ids instead — the server
// checks each one either way.

const ID_SPLIT = /[\s,，;；]+/;

export function ClientsField({
  value,
  errors,
  onChange,
}: {
  value: string[];
  errors: FieldErrors;
  onChange: (ids: string[]) => void;
}) {
  const { t } = useI18n();
  const clients = useResource(listClients);
  const [text, setText] = useState(value.join('\n'));
  const error =
    errors.at('clientIds') ?? value.map((_, i) => errors.at(`clientIds[${i}]`)).find((e) => e !== undefined);
  // Any failure to list falls back to typing ids; only a refusal gets the hint about the role.
  const failed = clients.error !== undefined && clients.error !== null;
  const denied = clients.error instanceof ApiError && clients.error.status === 403;
  const active = (clients.data ?? []).filter((c) => c.status === 'active');

  return (
    <Field label={t('sharing.apply.clients')} path="clientIds" error={error} wide group>
      {clients.loading && !clients.data && <span className="loading">{t('common.loading')}</span>}
      {clients.data && active.length === 0 && <span className="muted">{t('sharing.apply.noClients')}</span>}
      {clients.data && active.length > 0 && (
        <span className="check-column" data-testid="client-list">
          {active.map((c) => (
            <label key={c.id} className="check-inline">
              <input
                type="checkbox"
                checked={value.includes(c.id)}
                onChange={(e) =>
                  onChange(e.target.checked ? [...value, c.id] : value.filter((x) => x !== c.id))
                }
                data-testid="client-check"
                data-client={c.id}
              />
              {c.name} <code className="muted small">{c.id}</code>
            </label>
          ))}
        </span>
      )}
      {failed && (
        <>
          <textarea
            rows={2}
            className="mono"
            value={text}
            aria-label={t('sharing.apply.clients')}
            placeholder={t('sharing.apply.clientIdsPlaceholder')}
            onChange={(e) => {
              setText(e.target.value);
              onChange(e.target.value.split(ID_SPLIT).filter(Boolean));
            }}
            data-testid="client-ids"
          />
          {denied && <span className="muted small">{t('sharing.apply.clientIdsHint')}</span>}
        </>
      )}
    </Field>
  );
}
