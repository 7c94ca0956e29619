import { useState } from 'react';
import type { ResourceSummary } from '../../api/catalogue';
import { useAction } from '../../api/use-action';
import { isMessageKey, useI18n } from '../../i18n/i18n';
import { navigate } from '../../nav/router';
import { localProblems, toInput, type Draft } from './application-model';
import { ClientsField } from './clients-field';
import { DocumentsField } from './documents-field';
import { Field, FormError } from './field';
import { PartEditor } from './part-editor';
import { ResourcePicker } from './resource-picker';
import { createApplication, updateApplication, violationsOf } from './sharing-api';
import type { Application } from './types';
import { FieldErrors, NO_ERRORS } from './violations';

// The application wizard (共享申请): resources from the catalogue, per resource the items and methods, then
// purpose, basis, scenario, duration, clients and documents; save as a draft or submit. A 422 puts each
// problem beside the field it names. Amending a returned application is the same form over its saved state.

export function ApplicationForm({ initial, existing }: { initial: Draft; existing?: Application }) {
  const { t } = useI18n();
  const [draft, setDraft] = useState<Draft>(initial);
  const [hints, setHints] = useState<string[]>([]);
  const action = useAction();
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));

  const add = (r: ResourceSummary) =>
    set({
      parts: [
        ...draft.parts,
        { resourceId: r.id, name: r.name, providerName: r.provider.name, items: [], methods: [] },
      ],
    });

  const save = async (submit: boolean) => {
    const local = submit ? localProblems(draft) : [];
    setHints(local);
    if (local.length) return;
    const body = toInput(draft);
    const saved = await action.run(async () => {
      if (!existing) return createApplication({ ...body, submit });
      // One call: the amendment and the resubmission commit together or not at all.
      return updateApplication(existing.id, { ...body, submit });
    });
    if (saved) navigate(`/sharing/applications/${saved.id}`);
  };
  // The server's problems by field, from the last failed call (none while it has not failed).
  const shown = new FieldErrors(violationsOf(action.error));

  return (
    <div className="application-form" data-testid="application-form">
      <ResourcePicker picked={[...draft.decided, ...draft.parts].map((p) => p.resourceId)} onAdd={add} />
      <h3 className="section-title">
        {t('sharing.apply.step2', { n: draft.parts.length + draft.decided.length })}
      </h3>
      {draft.parts.length + draft.decided.length === 0 && (
        <p className="empty-state">{t('sharing.apply.noneYet')}</p>
      )}
      {draft.decided.map((p) => (
        <PartEditor
          key={p.resourceId}
          index={-1}
          part={p}
          errors={NO_ERRORS}
          locked
          onChange={() => undefined}
          onRemove={() => undefined}
        />
      ))}
      {draft.parts.map((p, i) => (
        <PartEditor
          key={p.resourceId}
          index={i}
          part={p}
          errors={shown}
          locked={false}
          onChange={(next) => set({ parts: draft.parts.map((x, j) => (j === i ? next : x)) })}
          onRemove={() => set({ parts: draft.parts.filter((_, j) => j !== i) })}
        />
      ))}
      <section className="card">
        <h3>{t('sharing.apply.step3')}</h3>
        <div className="form-grid">
          <Field label={t('sharing.field.title')} path="title" error={shown.at('title')} wide>
            <input
              value={draft.title}
              maxLength={200}
              onChange={(e) => set({ title: e.target.value })}
              data-testid="app-title"
            />
          </Field>
          <Field label={t('sharing.field.purpose')} path="purpose" error={shown.at('purpose')} wide>
            <textarea
              rows={2}
              value={draft.purpose}
              maxLength={2000}
              onChange={(e) => set({ purpose: e.target.value })}
              data-testid="app-purpose"
            />
          </Field>
          <Field label={t('sharing.field.basis')} path="basis" error={shown.at('basis')} wide>
            <textarea
              rows={2}
              value={draft.basis}
              maxLength={2000}
              onChange={(e) => set({ basis: e.target.value })}
              data-testid="app-basis"
            />
          </Field>
          <Field label={t('sharing.field.scenario')} path="scenario" error={shown.at('scenario')} wide>
            <textarea
              rows={2}
              value={draft.scenario}
              maxLength={2000}
              onChange={(e) => set({ scenario: e.target.value })}
              data-testid="app-scenario"
            />
          </Field>
          <Field label={t('sharing.field.durationDays')} path="durationDays" error={shown.at('durationDays')}>
            <input
              inputMode="numeric"
              value={draft.durationDays}
              onChange={(e) => set({ durationDays: e.target.value })}
              data-testid="app-duration"
            />
          </Field>
          <Field
            label={t('sharing.field.expectedVolume')}
            path="expectedVolume"
            error={shown.under('expectedVolume')}
          >
            <span className="inline-pair">
              <input
                inputMode="numeric"
                value={draft.callsPerDay}
                placeholder={t('sharing.field.callsPerDay')}
                aria-label={t('sharing.field.callsPerDay')}
                onChange={(e) => set({ callsPerDay: e.target.value })}
                data-testid="app-calls"
              />
              <input
                inputMode="numeric"
                value={draft.rowsPerDay}
                placeholder={t('sharing.field.rowsPerDay')}
                aria-label={t('sharing.field.rowsPerDay')}
                onChange={(e) => set({ rowsPerDay: e.target.value })}
                data-testid="app-rows"
              />
            </span>
          </Field>
          <ClientsField value={draft.clientIds} errors={shown} onChange={(clientIds) => set({ clientIds })} />
          <DocumentsField
            value={draft.documents}
            errors={shown}
            onChange={(documents) => set({ documents })}
          />
        </div>
      </section>
      <section className="card form-footer">
        {hints.length > 0 && (
          <ul className="notice notice-warn" role="alert" data-testid="apply-hints">
            {hints.map((h) => (
              <li key={h}>{isMessageKey(h) ? t(h) : h}</li>
            ))}
          </ul>
        )}
        <FormError error={action.error} violations={shown.all} />
        <div className="action-row">
          <button
            type="button"
            className="btn btn-primary"
            disabled={action.busy}
            onClick={() => void save(true)}
            data-testid="app-submit"
          >
            {existing?.status === 'returned' ? t('sharing.apply.resubmit') : t('sharing.apply.submit')}
          </button>
          <button
            type="button"
            className="btn btn-secondary"
            disabled={action.busy}
            onClick={() => void save(false)}
            data-testid="app-save"
          >
            {t('sharing.apply.saveDraft')}
          </button>
        </div>
      </section>
    </div>
  );
}
