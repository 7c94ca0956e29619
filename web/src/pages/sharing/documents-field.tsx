import { useState } from 'react';
import { useAction } from '../../api/use-action';
import { ErrorNotice } from '../../components/error-notice';
import { useI18n } from '../../i18n/i18n';
import { Field } from './field';
import { uploadDocument } from './sharing-api';
import type { SharingDocument } from './types';
import type { FieldErrors } from './violations';

// Supporting documents (批复, 协议…): each file is uploaded at once and the application refers to it by the
// digest the server returns, which the submission's evidence event carries.

const MAX_BYTES = 20 * 1024 * 1024;

export function DocumentsField({
  value,
  errors,
  onChange,
}: {
  value: SharingDocument[];
  errors: FieldErrors;
  onChange: (docs: SharingDocument[]) => void;
}) {
  const { t } = useI18n();
  const upload = useAction();
  const [tooBig, setTooBig] = useState<string | null>(null);
  const error = errors.under('documents');

  const add = async (files: FileList | null) => {
    setTooBig(null);
    const added: SharingDocument[] = [];
    for (const f of Array.from(files ?? [])) {
      if (f.size > MAX_BYTES) {
        setTooBig(f.name);
        continue;
      }
      const d = await upload.run(() => uploadDocument(f));
      if (d) added.push(d);
    }
    if (added.length) onChange([...value, ...added.filter((d) => !value.some((v) => v.digest === d.digest))]);
  };

  return (
    <Field label={t('sharing.apply.documents')} path="documents" error={error} wide group>
      <input
        type="file"
        multiple
        disabled={upload.busy}
        onChange={(e) => {
          void add(e.target.files);
          e.target.value = '';
        }}
        data-testid="document-file"
      />
      {tooBig && <span className="error-text">{t('sharing.apply.documentTooBig', { name: tooBig })}</span>}
      {upload.error !== null && <ErrorNotice error={upload.error} />}
      {value.length > 0 && (
        <ul className="document-list" data-testid="document-list">
          {value.map((d) => (
            <li key={d.digest}>
              {d.name} <code className="muted small">{d.digest.slice(0, 23)}…</code>
              <button
                type="button"
                className="btn btn-link"
                onClick={(e) => {
                  e.preventDefault();
                  onChange(value.filter((x) => x.digest !== d.digest));
                }}
              >
                {t('sharing.apply.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </Field>
  );
}
