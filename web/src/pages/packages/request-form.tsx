import { useId, useState, type FormEvent } from 'react';
import type { Item } from '../../api/catalogue';
import { useAction } from '../../api/use-action';
import { ErrorNotice } from '../../components/error-notice';
import { useI18n } from '../../i18n/i18n';
import type { Grant } from '../sharing/types';
import { PACKAGE_FORMATS, requestPackage, type PackageFormat, type PackageView } from './packages-api';

// 申请数据包 for one grant: the format and, optionally, a subset of the granted items (all of them when none
// is ticked). The server checks the grant again and queues the build (202); the list below then follows it.
// Masks are the grant's: a package holds exactly what the records API would return. A file resource's package
// holds its current files as stored, so there is nothing to choose.

export function RequestForm({
  grant,
  items,
  fileResource,
  onRequested,
}: {
  grant: Grant;
  items: readonly Item[];
  /** The resource is a file resource (delivered as its files). */
  fileResource: boolean;
  onRequested: (p: PackageView) => void;
}) {
  const { t, label } = useI18n();
  const formatId = useId();
  const action = useAction();
  const [format, setFormat] = useState<PackageFormat>('csv');
  const [fields, setFields] = useState<string[]>([]);
  const [done, setDone] = useState<PackageView | null>(null);
  const byCode = new Map(items.map((i) => [i.code, i]));
  const granted = grant.scope.items.map((i) => i.code);

  const toggle = (code: string, on: boolean) =>
    setFields((prev) =>
      on ? granted.filter((c) => c === code || prev.includes(c)) : prev.filter((c) => c !== code),
    );

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setDone(null);
    const p = await action.run(() =>
      requestPackage(grant.id, fileResource ? {} : { format, ...(fields.length > 0 && { fields }) }),
    );
    if (!p) return;
    setDone(p);
    onRequested(p);
  };

  return (
    <section className="card" data-testid="package-request">
      <h3>{t('packages.request.title')}</h3>
      <p className="page-hint">{t('packages.request.hint')}</p>
      <form onSubmit={(e) => void submit(e)} noValidate>
        {fileResource ? (
          <p className="notice notice-info" data-testid="package-files-only">
            {t('packages.request.files')}
          </p>
        ) : (
          <>
            <label className="field" htmlFor={formatId}>
              <span>{t('packages.request.format')}</span>
              <select
                id={formatId}
                value={format}
                onChange={(e) => setFormat(e.target.value as PackageFormat)}
                data-testid="package-format"
              >
                {PACKAGE_FORMATS.map((f) => (
                  <option key={f} value={f}>
                    {label('packages.format.', f)}
                  </option>
                ))}
              </select>
            </label>
            <div className="field" role="group" aria-label={t('packages.request.fields')}>
              <span>{t('packages.request.fields')}</span>
              <div className="pkg-fields" data-testid="package-fields-choice">
                {granted.map((code) => (
                  <label key={code} className="pkg-field">
                    <input
                      type="checkbox"
                      checked={fields.includes(code)}
                      onChange={(e) => toggle(code, e.target.checked)}
                      data-testid="package-field"
                      data-code={code}
                    />{' '}
                    {byCode.get(code)?.label ?? code} <code className="muted small">{code}</code>
                  </label>
                ))}
              </div>
              <span className="muted small">
                {fields.length === 0
                  ? t('packages.request.allFields', { n: granted.length })
                  : t('packages.request.someFields', { n: fields.length })}
              </span>
            </div>
          </>
        )}
        <div className="action-row">
          <button
            type="submit"
            className="btn btn-primary"
            disabled={action.busy}
            data-testid="package-submit"
          >
            {action.busy ? t('packages.request.sending') : t('packages.request.submit')}
          </button>
        </div>
      </form>
      {action.error !== null && <ErrorNotice error={action.error} />}
      {done && (
        <div
          className="notice notice-success"
          role="status"
          data-testid="package-requested"
          data-package={done.id}
        >
          {t('packages.request.done')}
        </div>
      )}
    </section>
  );
}
