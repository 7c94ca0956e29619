import { useState, type ChangeEvent } from 'react';
import { detectSample, type DetectedColumn } from '../../api/catalogue';
import { useAction } from '../../api/use-action';
import { useI18n } from '../../i18n/i18n';
import { CatalogueError } from './catalogue-error';

// 从样例文件创建: the steward picks a CSV sample (header row first); the browser reads its beginning — UTF-8,
// or GBK when UTF-8 yields replacement characters, as files saved by Excel on Chinese Windows often are —
// and sends the text to POST /catalogue/detect, which infers each column's type and suggests a PII kind, a
// level and a mask. The sample itself is not stored.

/** The most of a sample the browser reads and sends: detection looks at the first few hundred rows. */
const MAX_BYTES = 256 * 1024;
const MAX_LINES = 501;

/** The text of a sample's first bytes, decoded as UTF-8 or else GBK; a cut-off last line is dropped. */
export function decodeSample(
  bytes: ArrayBuffer,
  truncated: boolean,
): { text: string; encoding: 'utf-8' | 'gbk' } {
  const cut = (s: string) => {
    const lines = s.split(/\r?\n/);
    if (truncated && lines.length > 1) lines.pop();
    return lines.slice(0, MAX_LINES).join('\n');
  };
  const utf8 = cut(new TextDecoder('utf-8').decode(bytes));
  if (!utf8.includes('\uFFFD')) return { text: utf8, encoding: 'utf-8' };
  try {
    return { text: cut(new TextDecoder('gbk').decode(bytes)), encoding: 'gbk' };
  } catch {
    return { text: utf8, encoding: 'utf-8' };
  }
}

export function SampleUpload({
  existing,
  onDetected,
}: {
  existing: number;
  onDetected: (columns: DetectedColumn[], fileName: string) => void;
}) {
  const { t } = useI18n();
  const action = useAction();
  const [done, setDone] = useState<{
    file: string;
    n: number;
    m: number;
    replaced: number;
    gbk: boolean;
  } | null>(null);
  const [hint, setHint] = useState<string | null>(null);

  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const input = e.target;
    const file = input.files?.[0];
    if (!file) return;
    setDone(null);
    setHint(null);
    action.clear();
    const bytes = await file.slice(0, MAX_BYTES).arrayBuffer();
    const { text, encoding } = decodeSample(bytes, file.size > MAX_BYTES);
    if (!text.trim()) return setHint(t('catalogue.sample.empty'));
    const r = await action.run(() => detectSample(text));
    // The same file may be chosen again after an edit.
    input.value = '';
    if (!r) return;
    onDetected(r.columns, file.name);
    setDone({
      file: file.name,
      n: r.columns.length,
      m: r.columns.filter((c) => c.suggestion).length,
      replaced: existing,
      gbk: encoding === 'gbk',
    });
  };

  return (
    <section className="card sample-upload" data-testid="sample-upload">
      <h3>{t('catalogue.sample.title')}</h3>
      <p className="page-hint">{t('catalogue.sample.hint')}</p>
      <label className="field">
        <span>{t('catalogue.sample.file')}</span>
        <input
          type="file"
          accept=".csv,.txt,text/csv,text/plain"
          disabled={action.busy}
          onChange={(e) => void onFile(e)}
          data-testid="sample-file"
        />
      </label>
      {action.busy && (
        <p className="loading" aria-busy="true">
          {t('catalogue.sample.reading')}
        </p>
      )}
      {hint && (
        <p className="field-hint" role="alert">
          {hint}
        </p>
      )}
      {action.error !== null && <CatalogueError error={action.error} />}
      {done && (
        <div className="notice notice-success" role="status" data-testid="sample-done">
          {t('catalogue.sample.done', { file: done.file, n: done.n, m: done.m })}
          {done.replaced > 0 && <> {t('catalogue.sample.replaced', { n: done.replaced })}</>}
          {done.gbk && <> {t('catalogue.sample.encoding')}</>}
        </div>
      )}
    </section>
  );
}
