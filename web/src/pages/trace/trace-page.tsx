import { useId, useRef, useState, type FormEvent } from 'react';
import { useAction } from '../../api/use-action';
import { ErrorNotice } from '../../components/error-notice';
import { useI18n } from '../../i18n/i18n';
import { byteSize } from '../quality/format';
import { TRACE_EXTENSIONS, traceable, traceFile, type TraceResult } from './trace-api';
import { TraceVerdict } from './trace-verdict';

// 泄露溯源 (secadmin, auditors): a file found where it should not be — CSV, NDJSON, JSON or XLSX, columns by
// item code or name, in any order, rows shuffled or a sample — is matched against every grant ever issued on
// the resource, and the grant whose watermark it carries is named with the chance of being wrong, or nobody
// is. The file is sent as it is and kept by the server only while it is read; the trace is audited.

const ACCEPT = [...TRACE_EXTENSIONS, 'text/csv', 'application/json'].join(',');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function TracePage() {
  const { t } = useI18n();
  const fileId = useId();
  const resourceInput = useId();
  const input = useRef<HTMLInputElement>(null);
  const action = useAction();
  const [file, setFile] = useState<File | null>(null);
  const [resourceId, setResourceId] = useState('');
  const [hint, setHint] = useState<string | null>(null);
  const [result, setResult] = useState<{ name: string; r: TraceResult } | null>(null);

  const choose = (f: File | undefined) => {
    action.clear();
    setResult(null);
    if (!f) return setFile(null);
    if (!traceable(f.name)) {
      setFile(null);
      return setHint(t('trace.upload.unsupported'));
    }
    setHint(null);
    setFile(f);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) return setHint(t('trace.upload.required'));
    const rid = resourceId.trim();
    if (rid && !UUID.test(rid)) return setHint(t('trace.upload.badResource'));
    setHint(null);
    setResult(null);
    const r = await action.run(() => traceFile(file, rid || undefined));
    if (r) setResult({ name: file.name, r });
  };

  return (
    <div className="page-trace">
      <p className="page-hint">{t('trace.hint')}</p>
      <section className="card" data-testid="trace-upload">
        <h3>{t('trace.upload.title')}</h3>
        <form onSubmit={(e) => void submit(e)} noValidate>
          <div className="form-grid">
            <label className="field" htmlFor={fileId}>
              <span>{t('trace.upload.file')}</span>
              <input
                id={fileId}
                ref={input}
                type="file"
                accept={ACCEPT}
                disabled={action.busy}
                onChange={(e) => choose(e.target.files?.[0])}
                data-testid="trace-file"
              />
              <span className="muted small" data-testid="trace-chosen">
                {file
                  ? t('trace.upload.chosen', { name: file.name, size: byteSize(file.size) })
                  : t('trace.upload.formats')}
              </span>
            </label>
            <label className="field" htmlFor={resourceInput}>
              <span>{t('trace.upload.resource')}</span>
              <input
                id={resourceInput}
                type="text"
                value={resourceId}
                placeholder={t('trace.upload.resourcePlaceholder')}
                onChange={(e) => setResourceId(e.target.value)}
                data-testid="trace-resource"
              />
              <span className="muted small">{t('trace.upload.resourceHint')}</span>
            </label>
          </div>
          {hint && (
            <p className="field-hint" role="alert" data-testid="trace-hint">
              {hint}
            </p>
          )}
          <div className="action-row">
            <button
              type="submit"
              className="btn btn-primary"
              disabled={action.busy}
              data-testid="trace-submit"
            >
              {action.busy ? t('trace.upload.tracing') : t('trace.upload.submit')}
            </button>
          </div>
        </form>
        {action.error !== null && <ErrorNotice error={action.error} />}
      </section>
      {result && <TraceVerdict fileName={result.name} result={result.r} />}
    </div>
  );
}
