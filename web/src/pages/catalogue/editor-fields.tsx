import type { Category, Format, UpdateCycle } from '../../api/catalogue';
import { useI18n } from '../../i18n/i18n';
import type { Draft, FieldErrors } from './editor-model';
import { Field, type SetDraft } from './form-field';
import { CATEGORIES, CLASS_ITEMS, FORMAT_METHODS, FORMATS, UPDATE_CYCLES } from './vocab';

// The resource's own fields (GB/T 21063): classification, name and summary, format and update cycle, tags,
// area and related resources; and the contact. Sharing and opening are in sharing-fields.tsx.

function classItemLabel(category: Category, code: string, label: (p: string, v: string) => string) {
  return `${code} ${label(`catalogue.class.${category}.`, code)}`;
}

export function BasicFields({ draft: d, set, errors }: { draft: Draft; set: SetDraft; errors: FieldErrors }) {
  const { t, label } = useI18n();
  const items = d.category === 'department' ? null : CLASS_ITEMS[d.category];
  return (
    <section className="card">
      <h3>{t('catalogue.editor.basics')}</h3>
      <div className="form-grid">
        <Field label={t('catalogue.editor.name')} path="name" errors={errors} wide>
          <input
            name="name"
            maxLength={200}
            value={d.name}
            onChange={(e) => set({ name: e.target.value })}
            data-testid="resource-name-input"
          />
        </Field>
        <Field label={t('catalogue.editor.category')} path="classification.category" errors={errors}>
          <select
            name="category"
            value={d.category}
            onChange={(e) => {
              const category = e.target.value as Category;
              set({ category, classItem: category === 'department' ? '' : (CLASS_ITEMS[category][0] ?? '') });
            }}
            data-testid="resource-category"
          >
            {CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {label('catalogue.category.', c)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('catalogue.editor.classItem')} path="classification.item" errors={errors}>
          {items ? (
            <select
              name="classItem"
              value={d.classItem}
              onChange={(e) => set({ classItem: e.target.value })}
              data-testid="resource-class-item"
            >
              {items.map((code) => (
                <option key={code} value={code}>
                  {classItemLabel(d.category as Exclude<Category, 'department'>, code, label)}
                </option>
              ))}
            </select>
          ) : (
            <input
              name="classItem"
              inputMode="numeric"
              maxLength={2}
              placeholder="01"
              value={d.classItem}
              onChange={(e) => set({ classItem: e.target.value })}
              data-testid="resource-class-item"
            />
          )}
        </Field>
        <Field label={t('catalogue.editor.catalog')} path="classification.catalog" errors={errors}>
          <input
            name="catalog"
            inputMode="numeric"
            maxLength={3}
            placeholder="001"
            value={d.catalog}
            onChange={(e) => set({ catalog: e.target.value })}
            data-testid="resource-catalog"
          />
        </Field>
        <Field label={t('catalogue.editor.detail')} path="classification.detail" errors={errors}>
          <input
            name="detail"
            inputMode="numeric"
            maxLength={6}
            value={d.detail}
            onChange={(e) => set({ detail: e.target.value })}
          />
        </Field>
        <Field label={t('catalogue.editor.summary')} path="summary" errors={errors} wide>
          <textarea
            name="summary"
            rows={3}
            maxLength={4000}
            value={d.summary}
            onChange={(e) => set({ summary: e.target.value })}
            data-testid="resource-summary"
          />
        </Field>
        <Field label={t('catalogue.editor.format')} path="format" errors={errors}>
          <select
            name="format"
            value={d.format}
            onChange={(e) => {
              const format = e.target.value as Format;
              const methods = d.methods.filter((m) => FORMAT_METHODS[format].includes(m));
              set({ format, methods: methods.length ? methods : [FORMAT_METHODS[format][0]!] });
            }}
            data-testid="resource-format"
          >
            {FORMATS.map((f) => (
              <option key={f} value={f}>
                {label('catalogue.format.', f)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('catalogue.editor.updateCycle')} path="updateCycle" errors={errors}>
          <select
            name="updateCycle"
            value={d.updateCycle}
            onChange={(e) => set({ updateCycle: e.target.value as UpdateCycle })}
            data-testid="resource-update-cycle"
          >
            {UPDATE_CYCLES.map((u) => (
              <option key={u} value={u}>
                {label('catalogue.updateCycle.', u)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('catalogue.editor.nameEn')} path="nameEn" errors={errors}>
          <input
            name="nameEn"
            maxLength={200}
            value={d.nameEn}
            onChange={(e) => set({ nameEn: e.target.value })}
          />
        </Field>
        <Field label={t('catalogue.editor.tags')} path="tags" errors={errors}>
          <input
            name="tags"
            maxLength={400}
            placeholder={t('catalogue.editor.tagsHint')}
            value={d.tags}
            onChange={(e) => set({ tags: e.target.value })}
            data-testid="resource-tags"
          />
        </Field>
        <Field label={t('catalogue.editor.spatial')} path="spatial" errors={errors}>
          <input
            name="spatial"
            inputMode="numeric"
            maxLength={6}
            value={d.spatial}
            onChange={(e) => set({ spatial: e.target.value })}
          />
        </Field>
        <Field label={t('catalogue.editor.related')} path="relatedCodes" errors={errors}>
          <input
            name="relatedCodes"
            maxLength={2000}
            value={d.relatedCodes}
            onChange={(e) => set({ relatedCodes: e.target.value })}
          />
        </Field>
      </div>
    </section>
  );
}

export function ContactFields({
  draft: d,
  set,
  errors,
}: {
  draft: Draft;
  set: SetDraft;
  errors: FieldErrors;
}) {
  const { t } = useI18n();
  return (
    <section className="card">
      <h3>{t('catalogue.editor.contact')}</h3>
      <div className="form-grid">
        <Field label={t('catalogue.editor.contactName')} path="contact.name" errors={errors}>
          <input
            name="contactName"
            maxLength={50}
            value={d.contactName}
            onChange={(e) => set({ contactName: e.target.value })}
            data-testid="resource-contact-name"
          />
        </Field>
        <Field label={t('catalogue.editor.contactPhone')} path="contact.phone" errors={errors}>
          <input
            name="contactPhone"
            type="tel"
            maxLength={30}
            value={d.contactPhone}
            onChange={(e) => set({ contactPhone: e.target.value })}
            data-testid="resource-contact-phone"
          />
        </Field>
        <Field label={t('catalogue.editor.contactEmail')} path="contact.email" errors={errors}>
          <input
            name="contactEmail"
            type="email"
            maxLength={200}
            value={d.contactEmail}
            onChange={(e) => set({ contactEmail: e.target.value })}
          />
        </Field>
      </div>
    </section>
  );
}
