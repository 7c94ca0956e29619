import { useEffect, useMemo, useState, type FormEvent } from 'react';
import {
  createResource,
  getPolicy,
  getResource,
  getVersion,
  updateResource,
  type DetectedColumn,
  type PolicyState,
  type Resource,
} from '../../api/catalogue';
import { useAction } from '../../api/use-action';
import { useResource } from '../../api/use-resource';
import { AsyncView } from '../../components/async-view';
import { useI18n } from '../../i18n/i18n';
import { useSession } from '../../layout/session-context';
import { Link, navigate } from '../../nav/router';
import { CatalogueError } from './catalogue-error';
import { BasicFields, ContactFields } from './editor-fields';
import {
  draftFromDoc,
  emptyDraft,
  emptyRow,
  fieldErrorsOf,
  rowFromColumn,
  suggestedValues,
  toInput,
  type Draft,
} from './editor-model';
import { ItemGrid } from './item-grid';
import { LevelHint } from './level-hint';
import { SampleUpload } from './sample-upload';
import { SharingFields } from './sharing-fields';
import { FORMAT_METHODS, itemLevel, maxLevel } from './vocab';

// 新建目录 (/catalogue/new) and 编辑资源 (/catalogue/resources/<id>/edit), for the provider's stewards: the
// resource form and the item grid, which a sample CSV can fill (types inferred, PII suggestions to accept or
// edit). Saving creates the draft, edits it, or — for a published resource — opens the next version; the
// server's field problems outline their cells and policy breaches are listed. Submitting happens on the
// resource page.

interface Loaded {
  policy: PolicyState;
  resource: Resource | null;
  draft: Draft;
}

export function NewResourcePage() {
  return <EditorLoader id={null} />;
}

export function EditResourcePage({ id }: { id: string }) {
  return <EditorLoader id={id} />;
}

function EditorLoader({ id }: { id: string | null }) {
  const { user } = useSession();
  const loaded = useResource<Loaded>(async () => {
    const policy = await getPolicy();
    if (!id) return { policy, resource: null, draft: emptyDraft(user.displayName) };
    const resource = await getResource(id);
    // A change in the works is edited where it stands; otherwise the shown version is the base.
    const doc = resource.pending ? (await getVersion(resource.id, resource.pending.version)).doc : resource;
    return { policy, resource, draft: draftFromDoc(doc, policy.table) };
  }, id ?? 'new');
  return <AsyncView resource={loaded}>{(l) => <Editor loaded={l} />}</AsyncView>;
}

/** A resource name from a sample's file name (低保对象名册.csv → 低保对象名册). */
function nameFromFile(fileName: string): string {
  return fileName
    .replace(/\.[^.]*$/, '')
    .trim()
    .slice(0, 200);
}

function Editor({ loaded }: { loaded: Loaded }) {
  const { t, label } = useI18n();
  const { policy, resource } = loaded;
  const [draft, setDraft] = useState(loaded.draft);
  const [hint, setHint] = useState<string | null>(null);
  const action = useAction();
  const errors = useMemo(() => fieldErrorsOf(action.error), [action.error]);
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const pending = draft.items.filter((r) => r.decision === 'pending').length;

  // Bring the first outlined field into view after a refused save.
  useEffect(() => {
    if (action.error === null) return;
    document.querySelector('[data-invalid="true"]')?.scrollIntoView({ block: 'center' });
  }, [action.error]);

  const latest =
    resource && (resource.pending ?? { version: resource.version, status: resource.versionStatus });
  const locked =
    resource?.status === 'withdrawn'
      ? t('catalogue.editor.lockedWithdrawn')
      : latest?.status === 'submitted'
        ? t('catalogue.actions.inReview', { n: latest.version })
        : null;
  const opensVersion = latest !== null && latest.status !== 'draft' && latest.status !== 'returned';

  const onDetected = (columns: DetectedColumn[], fileName: string) => {
    setHint(null);
    action.clear();
    setDraft((d) => ({ ...d, items: columns.map(rowFromColumn), name: d.name || nameFromFile(fileName) }));
  };

  const acceptAll = () =>
    set({
      items: draft.items.map((r) =>
        r.suggestion && r.decision === 'pending'
          ? { ...r, ...suggestedValues(r.suggestion), decision: 'accepted' as const }
          : r,
      ),
    });

  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (pending > 0) return setHint(t('catalogue.editor.pendingSuggestions', { n: pending }));
    setHint(null);
    const body = toInput(draft);
    const r = await action.run(() => (resource ? updateResource(resource.id, body) : createResource(body)));
    if (r) navigate(`/catalogue/resources/${r.id}`);
  };

  const levels = draft.items
    .map((r) => itemLevel(policy.table, r.nationalLevel, r.provincialLevel))
    .filter((l) => l !== null);
  const preferred = levels.length ? policy.table.levels[levels.reduce(maxLevel)].preferredMethods : [];

  return (
    <form
      className="page-catalogue-editor"
      onSubmit={(e) => void save(e)}
      noValidate
      data-testid="resource-editor"
    >
      <p className="page-hint">{t('catalogue.editor.hint')}</p>
      {resource && (
        <div className="notice notice-info" data-testid="editor-target">
          <strong>{resource.name}</strong> <code>{resource.code}</code>{' '}
          {opensVersion
            ? t('catalogue.editor.opensVersion', { n: resource.latestVersion + 1 })
            : t('catalogue.editor.editsVersion', {
                n: latest?.version ?? resource.version,
                status: label('catalogue.versionStatus.', latest?.status ?? resource.versionStatus),
              })}
        </div>
      )}
      {locked && (
        <div className="notice notice-warn" role="alert">
          {locked}
        </div>
      )}
      {draft.format !== 'file' && <SampleUpload existing={draft.items.length} onDetected={onDetected} />}
      <BasicFields draft={draft} set={set} errors={errors} />
      <section className="card">
        <div className="toolbar toolbar-split">
          <h3>{t('catalogue.editor.items')}</h3>
          <span className="toolbar-actions">
            {pending > 0 && (
              <button
                type="button"
                className="btn btn-secondary btn-small"
                onClick={acceptAll}
                data-testid="accept-all"
              >
                {t('catalogue.editor.acceptAll', { n: pending })}
              </button>
            )}
            <button
              type="button"
              className="btn btn-secondary btn-small"
              onClick={() => set({ items: [...draft.items, emptyRow()] })}
              data-testid="item-add"
            >
              {t('catalogue.editor.addItem')}
            </button>
          </span>
        </div>
        {errors.has('items') && (
          <p className="field-hint" role="alert" data-invalid="true" data-testid="items-error">
            {errors.get('items')?.join('；')}
          </p>
        )}
        <ItemGrid
          rows={draft.items}
          onChange={(items) => set({ items })}
          errors={errors}
          format={draft.format}
        />
      </section>
      <SharingFields
        draft={draft}
        set={set}
        errors={errors}
        preferred={preferred.filter((m) => FORMAT_METHODS[draft.format].includes(m))}
      >
        <LevelHint draft={draft} policy={policy} />
      </SharingFields>
      <ContactFields draft={draft} set={set} errors={errors} />
      <section className="card editor-actions">
        {hint && (
          <p className="field-hint" role="alert" data-testid="editor-hint">
            {hint}
          </p>
        )}
        {action.error !== null && <CatalogueError error={action.error} />}
        <div className="action-row">
          <button
            type="submit"
            className="btn btn-primary"
            disabled={action.busy || locked !== null}
            data-testid="resource-save"
          >
            {action.busy ? t('catalogue.editor.saving') : t('catalogue.editor.save')}
          </button>
          <Link
            to={resource ? `/catalogue/resources/${resource.id}` : '/catalogue/mine'}
            className="btn btn-secondary"
          >
            {t('catalogue.cancel')}
          </Link>
          <span className="muted">{t('catalogue.editor.saveHint')}</span>
        </div>
      </section>
    </form>
  );
}
