import { useState } from 'react';
import { listOrganisations } from '../../api/endpoints';
import { useAction } from '../../api/use-action';
import { useResource } from '../../api/use-resource';
import { ErrorNotice } from '../../components/error-notice';
import { useI18n } from '../../i18n/i18n';
import { useSession } from '../../layout/session-context';
import { Field } from './field';
import { createDemand, violationsOf } from './sharing-api';
import type { Demand } from './types';
import { FieldErrors } from './violations';

// A consumer posts a need for data the catalogue does not list: what, why, more detail, and (if it knows)
// which department it believes holds it. Departments the caller cannot read are simply not offered.

export function DemandForm({ onPosted }: { onPosted: (d: Demand) => void }) {
  const { t } = useI18n();
  const myOrg = useSession().user.orgId;
  const orgs = useResource(() => listOrganisations());
  const [title, setTitle] = useState('');
  const [purpose, setPurpose] = useState('');
  const [description, setDescription] = useState('');
  const [org, setOrg] = useState('');
  const action = useAction();
  const errors = new FieldErrors(violationsOf(action.error));
  const others = (orgs.data ?? []).filter((o) => o.id !== myOrg);

  const post = async () => {
    const d = await action.run(() =>
      createDemand({
        title: title.trim(),
        purpose: purpose.trim(),
        ...(description.trim() && { description: description.trim() }),
        ...(org && { suggestedOrgId: org }),
      }),
    );
    if (d) {
      setTitle('');
      setPurpose('');
      setDescription('');
      setOrg('');
      onPosted(d);
    }
  };

  return (
    <section className="card" data-testid="demand-form">
      <h3>{t('sharing.demand.post')}</h3>
      <div className="form-grid">
        <Field label={t('sharing.demand.title')} path="title" error={errors.at('title')} wide>
          <input
            value={title}
            maxLength={200}
            onChange={(e) => setTitle(e.target.value)}
            data-testid="demand-title"
          />
        </Field>
        <Field label={t('sharing.field.purpose')} path="purpose" error={errors.at('purpose')} wide>
          <textarea
            rows={2}
            value={purpose}
            onChange={(e) => setPurpose(e.target.value)}
            data-testid="demand-purpose"
          />
        </Field>
        <Field
          label={t('sharing.demand.description')}
          path="description"
          error={errors.at('description')}
          wide
        >
          <textarea
            rows={2}
            value={description}
            onChange={(e) => setDescription(e.target.value)}
            data-testid="demand-description"
          />
        </Field>
        {others.length > 0 && (
          <Field
            label={t('sharing.demand.suggestedOrg')}
            path="suggestedOrgId"
            error={errors.at('suggestedOrgId')}
          >
            <select value={org} onChange={(e) => setOrg(e.target.value)} data-testid="demand-org">
              <option value="">{t('sharing.demand.unknownOrg')}</option>
              {others.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          </Field>
        )}
      </div>
      {action.error !== null && <ErrorNotice error={action.error} />}
      <div className="action-row">
        <button
          type="button"
          className="btn btn-primary"
          disabled={action.busy || !title.trim() || !purpose.trim()}
          onClick={() => void post()}
          data-testid="demand-submit"
        >
          {t('sharing.demand.submit')}
        </button>
      </div>
    </section>
  );
}
