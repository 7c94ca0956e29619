import { useEffect, useId, useMemo, useState } from 'react';
import type { Item } from '../../api/catalogue';
import { useAction } from '../../api/use-action';
import { useI18n } from '../../i18n/i18n';
import { isMasked, type ItemColumn } from '../exchange/records-table';
import { DocumentsField } from '../sharing/documents-field';
import { Field, FormError } from '../sharing/field';
import { violationsOf } from '../sharing/sharing-api';
import type { Grant, SharingDocument } from '../sharing/types';
import { FieldErrors } from '../sharing/violations';
import { raiseObjection } from './objections-api';
import { blankEntry, subjectOf, syncEntries, type PickedRow, type RecordEntry } from './raise-model';
import { OBJECTION_TYPES, type ObjectionType, type ObjectionView } from './types';
import { under, ViolationText } from './violation-text';

// 提出数据异议 from 我的数据: the rows picked in the records table become the records the objection names,
// each prefilled with the values the grant returns in clear (raise-model.ts says which); the user may type
// values of other granted items (a full ID number from the case file), add records by hand, name the items
// concerned, describe the problem and attach evidence. The server looks each record up inside the grant and
// says, per entry, when none or several match; those problems are shown beside the entry.

export function RaiseForm({
  grant,
  columns,
  items,
  picked,
  onUnpick,
  onRaised,
  onCancel,
}: {
  grant: Grant;
  columns: readonly ItemColumn[];
  items: readonly Item[];
  picked: readonly PickedRow[];
  onUnpick: (rowNo: number) => void;
  onRaised: (o: ObjectionView) => void;
  onCancel: () => void;
}) {
  const { t, label } = useI18n();
  const typeId = useId();
  const byCode = useMemo(() => new Map(items.map((i) => [i.code, i])), [items]);
  const [type, setType] = useState<ObjectionType>('wrong_data');
  const [concerned, setConcerned] = useState<string[]>([]);
  const [description, setDescription] = useState('');
  const [documents, setDocuments] = useState<SharingDocument[]>([]);
  const [entries, setEntries] = useState<RecordEntry[]>(() => syncEntries([], picked, columns, byCode));
  const [hands, setHands] = useState(0);
  const [hint, setHint] = useState<string | null>(null);
  const action = useAction();
  const violations = violationsOf(action.error);
  const errors = new FieldErrors(violations);
  // Problems of one entry are shown beside it; the others (grant, items, the list itself) above the buttons.
  const general = violations.filter((v) => !/^records\[\d+\]/.test(v.field));

  const pickedKey = picked.map((p) => p.rowNo).join(',');
  useEffect(() => {
    setEntries((prev) => syncEntries(prev, picked, columns, byCode));
    // `picked` is a fresh array each render; its row numbers say when it changed.
  }, [pickedKey]);

  const edit = (key: string, code: string, text: string) =>
    setEntries((prev) => prev.map((e) => (e.key === key ? { ...e, text: { ...e.text, [code]: text } } : e)));
  const remove = (e: RecordEntry) => {
    if (e.rowNo !== null) onUnpick(e.rowNo);
    setEntries((prev) => prev.filter((x) => x.key !== e.key));
  };
  const addByHand = () => {
    setEntries((prev) => [...prev, blankEntry(hands + 1, columns)]);
    setHands((n) => n + 1);
  };

  const submit = async () => {
    setHint(null);
    const records = entries.map(subjectOf);
    if (!description.trim()) return setHint(t('objections.raise.needDescription'));
    if (records.some((r) => Object.keys(r).length === 0)) return setHint(t('objections.raise.needValues'));
    if (type === 'wrong_data' && records.length === 0) return setHint(t('objections.raise.needRecords'));
    const o = await action.run(() =>
      raiseObjection({
        type,
        resourceId: grant.resourceId,
        grantId: grant.id,
        ...(records.length && { records }),
        ...(concerned.length && { items: concerned }),
        description: description.trim(),
        ...(documents.length && { documents: documents.map((d) => ({ digest: d.digest, name: d.name })) }),
      }),
    );
    if (o) onRaised(o);
  };

  return (
    <section className="card raise-form page-sharing" data-testid="raise-form">
      <h3>{t('objections.raise.title')}</h3>
      <p className="muted small">{t('objections.raise.hint')}</p>
      <div className="form-grid">
        <label className="field" htmlFor={typeId}>
          <span>{t('objections.field.type')}</span>
          <select
            id={typeId}
            value={type}
            onChange={(e) => setType(e.target.value as ObjectionType)}
            data-testid="raise-type"
          >
            {OBJECTION_TYPES.map((ty) => (
              <option key={ty} value={ty}>
                {label('objections.type.', ty)}
              </option>
            ))}
          </select>
        </label>
        <Field label={t('objections.field.items')} path="items" error={errors.under('items')} wide group>
          <span className="objection-checks">
            {columns.map((c) => (
              <label key={c.code} className="check-inline">
                <input
                  type="checkbox"
                  checked={concerned.includes(c.code)}
                  onChange={(e) =>
                    setConcerned((prev) =>
                      e.target.checked ? [...prev, c.code] : prev.filter((x) => x !== c.code),
                    )
                  }
                  data-testid="raise-item"
                  data-code={c.code}
                />
                {c.label} <code className="muted small">{c.code}</code>
              </label>
            ))}
          </span>
        </Field>
        <Field
          label={t('objections.field.description')}
          path="description"
          error={errors.at('description')}
          wide
        >
          <textarea
            rows={3}
            maxLength={4000}
            value={description}
            placeholder={t('objections.raise.descriptionPlaceholder')}
            onChange={(e) => setDescription(e.target.value)}
            data-testid="raise-description"
          />
        </Field>
        <DocumentsField value={documents} errors={errors} onChange={setDocuments} />
      </div>

      <h4 className="section-title">{t('objections.raise.records', { n: entries.length })}</h4>
      <p className="muted small">{t('objections.raise.recordsHint')}</p>
      {entries.length === 0 && (
        <p className="muted" data-testid="raise-no-records">
          {t('objections.raise.noRecords')}
        </p>
      )}
      <ol className="raise-entries">
        {entries.map((e, i) => {
          const problems = under(violations, `records[${i}]`);
          return (
            <li
              key={e.key}
              className={`raise-entry${problems.length ? ' entry-invalid' : ''}`}
              data-testid="raise-entry"
              data-row={e.rowNo ?? ''}
              data-invalid={problems.length ? 'true' : undefined}
            >
              <div className="raise-entry-head">
                <strong>
                  {e.rowNo !== null
                    ? t('objections.raise.row', { n: e.rowNo })
                    : t('objections.raise.byHand', { n: i + 1 })}
                </strong>
                <button
                  type="button"
                  className="btn btn-link"
                  onClick={() => remove(e)}
                  data-testid="raise-entry-remove"
                >
                  {t('sharing.apply.remove')}
                </button>
              </div>
              <div className="raise-entry-values">
                {columns.map((c) => (
                  <label key={c.code} className="field entry-value">
                    <span>
                      {c.label} <code className="muted small">{c.code}</code>
                      {isMasked(c) && (
                        <span className="badge mask-badge inline">{t('exchange.records.masked')}</span>
                      )}
                    </span>
                    <input
                      value={e.text[c.code] ?? ''}
                      maxLength={1000}
                      placeholder={
                        e.shown[c.code] !== undefined
                          ? t('objections.raise.maskedPlaceholder', { shown: e.shown[c.code] ?? '' })
                          : t('objections.raise.optional')
                      }
                      onChange={(ev) => edit(e.key, c.code, ev.target.value)}
                      data-testid="entry-value"
                      data-code={c.code}
                    />
                  </label>
                ))}
              </div>
              <ViolationText items={problems} testId="entry-error" />
            </li>
          );
        })}
      </ol>
      <button
        type="button"
        className="btn btn-secondary btn-small"
        onClick={addByHand}
        data-testid="raise-add"
      >
        {t('objections.raise.add')}
      </button>

      {hint && (
        <p className="field-hint" role="alert" data-testid="raise-hint">
          {hint}
        </p>
      )}
      {violations.length > 0 && general.length === 0 && (
        <div className="notice notice-warn" role="alert" data-testid="raise-entries-invalid">
          {t('objections.raise.fixEntries', { n: violations.length })}
        </div>
      )}
      <FormError error={violations.length && !general.length ? null : action.error} violations={general} />
      <div className="action-row">
        <button
          type="button"
          className="btn btn-primary"
          disabled={action.busy}
          onClick={() => void submit()}
          data-testid="raise-submit"
        >
          {t('objections.raise.submit')}
        </button>
        <button type="button" className="btn btn-secondary" onClick={onCancel} data-testid="raise-cancel">
          {t('catalogue.cancel')}
        </button>
      </div>
    </section>
  );
}
