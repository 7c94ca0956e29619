import { useId, useRef, useState, type DragEvent, type FormEvent } from 'react';
import {
  INGEST_MODES,
  startJob,
  UPLOAD_EXTENSIONS,
  uploadFile,
  type IngestJob,
  type IngestMode,
} from '../../api/quality';
import { useAction } from '../../api/use-action';
import { ErrorNotice } from '../../components/error-notice';
import { useI18n } from '../../i18n/i18n';
import { byteSize } from './format';

// 上传文件 (the provider's stewards): a file dropped on the zone or chosen, and the mode — 增量更新 (upsert by
// primary key), 追加 (insert only) or 全量替换 (replace everything, switching when the job succeeds). The
// bytes go to POST …/uploads as they are (the server detects encoding and separator), then POST …/jobs starts
// the job. One job per resource at a time: while one runs the form waits.

const ACCEPT = [...UPLOAD_EXTENSIONS, 'text/csv', 'application/json'].join(',');

function supported(name: string): boolean {
  const lower = name.toLowerCase();
  return UPLOAD_EXTENSIONS.some((ext) => lower.endsWith(ext));
}

export function UploadForm({
  resourceId,
  busy,
  onStarted,
}: {
  resourceId: string;
  /** A job of this resource is queued or running. */
  busy: boolean;
  onStarted: (job: IngestJob) => void;
}) {
  const { t, label } = useI18n();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const action = useAction();
  const [file, setFile] = useState<File | null>(null);
  const [mode, setMode] = useState<IngestMode>('upsert');
  const [hint, setHint] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [over, setOver] = useState(false);

  const choose = (f: File | undefined) => {
    setDone(null);
    action.clear();
    if (!f) return;
    if (!supported(f.name)) {
      setFile(null);
      return setHint(t('quality.upload.unsupported'));
    }
    setHint(null);
    setFile(f);
  };

  const onDrop = (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    setOver(false);
    choose(e.dataTransfer.files[0]);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) return setHint(t('quality.upload.required'));
    setHint(null);
    setDone(null);
    const job = await action.run(async () => {
      const upload = await uploadFile(resourceId, file);
      return startJob(resourceId, { uploadId: upload.id, mode });
    });
    if (!job) return;
    setDone(t('quality.upload.started', { name: file.name }));
    setFile(null);
    if (input.current) input.current.value = '';
    onStarted(job);
  };

  return (
    <section className="card upload-card" data-testid="ingest-upload">
      <h3>{t('quality.upload.title')}</h3>
      <p className="page-hint">{t('quality.upload.hint')}</p>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <div
          className={`drop-zone${over ? ' drop-over' : ''}`}
          data-testid="ingest-drop"
          onDragOver={(e) => {
            e.preventDefault();
            setOver(true);
          }}
          onDragLeave={() => setOver(false)}
          onDrop={onDrop}
        >
          <span>{t('quality.upload.drop')}</span>{' '}
          <label htmlFor={id} className="btn btn-secondary btn-small">
            {t('quality.upload.choose')}
          </label>
          <input
            id={id}
            ref={input}
            type="file"
            className="visually-hidden"
            accept={ACCEPT}
            disabled={action.busy}
            onChange={(e) => choose(e.target.files?.[0])}
            data-testid="ingest-file"
          />
          <div className={file ? 'drop-file' : 'muted'} data-testid="ingest-chosen">
            {file
              ? t('quality.upload.chosen', { name: file.name, size: byteSize(file.size) })
              : t('quality.upload.none')}
          </div>
        </div>
        <fieldset className="mode-field">
          <legend>{t('quality.upload.mode')}</legend>
          <div className="segmented" role="group" aria-label={t('quality.upload.mode')}>
            {INGEST_MODES.map((m) => (
              <button
                key={m}
                type="button"
                aria-pressed={mode === m}
                className={mode === m ? 'active' : undefined}
                onClick={() => setMode(m)}
                data-testid={`ingest-mode-${m}`}
              >
                {label('quality.mode.', m)}
              </button>
            ))}
          </div>
          <p
            className={`mode-hint${mode === 'replace' ? ' mode-hint-warn' : ''}`}
            data-testid="ingest-mode-hint"
          >
            {label('quality.modeHint.', mode)}
          </p>
        </fieldset>
        {hint && (
          <p className="field-hint" role="alert">
            {hint}
          </p>
        )}
        {busy && <p className="notice notice-info">{t('quality.upload.busy')}</p>}
        <div className="action-row">
          <button
            type="submit"
            className="btn btn-primary"
            disabled={action.busy || busy}
            data-testid="ingest-start"
          >
            {action.busy ? t('quality.upload.uploading') : t('quality.upload.start')}
          </button>
        </div>
      </form>
      {action.error !== null && <ErrorNotice error={action.error} />}
      {done && (
        <div className="notice notice-success" role="status" data-testid="ingest-started">
          {done}
        </div>
      )}
    </section>
  );
}
