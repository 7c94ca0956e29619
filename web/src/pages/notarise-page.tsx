import { useEffect, useState, type FormEvent } from 'react';
import { notarise } from '../api/evidence-endpoints';
import type { NotarisationReceipt } from '../api/evidence-types';
import { useAction } from '../api/use-action';
import { ErrorNotice } from '../components/error-notice';
import { FilterSelect } from '../components/filter-select';
import { toHex } from '../evidence/bytes';
import { hasherFor, type HashAlg } from '../evidence/hash';
import { useI18n } from '../i18n/i18n';
import { NotariseReceipt } from './notarise-receipt';

// 电子存证 (every user): a file is hashed here, in the browser (WebCrypto SHA-256, or SM3), and only its digest
// and a title go to POST /api/v1/evidence/notarisations. The answer is a receipt anyone can verify offline.

const ALGS: HashAlg[] = ['sha256', 'sm3'];

export function NotarisePage() {
  const { t, label } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [alg, setAlg] = useState<HashAlg>('sha256');
  const [title, setTitle] = useState('');
  const [digest, setDigest] = useState<string | null>(null);
  const [hashError, setHashError] = useState<unknown>(null);
  const [hint, setHint] = useState<string | null>(null);
  const [receipt, setReceipt] = useState<NotarisationReceipt | null>(null);
  const action = useAction();

  // The digest of the chosen file, recomputed when the file or the algorithm changes.
  useEffect(() => {
    setDigest(null);
    setHashError(null);
    if (!file) return;
    let live = true;
    file
      .arrayBuffer()
      .then((buf) => hasherFor(alg)(new Uint8Array(buf)))
      .then(
        (d) => live && setDigest(toHex(d)),
        (e: unknown) => live && setHashError(e),
      );
    return () => {
      live = false;
    };
  }, [file, alg]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file || !digest) return setHint(t('notarise.required'));
    setHint(null);
    const r = await action.run(() =>
      notarise({ digestAlg: alg, digest, ...(title.trim() && { title: title.trim() }) }),
    );
    if (r) setReceipt(r);
  };

  return (
    <div className="page-notarise">
      <section className="card" data-testid="notarise-form">
        <p className="page-hint">{t('notarise.hint')}</p>
        <form onSubmit={(e) => void submit(e)} noValidate>
          <div className="form-grid">
            <label className="field">
              <span>{t('notarise.file')}</span>
              <input
                type="file"
                onChange={(e) => {
                  setReceipt(null);
                  setFile(e.target.files?.[0] ?? null);
                }}
                data-testid="notarise-file"
              />
            </label>
            <label className="field">
              <span>{t('notarise.title')}</span>
              <input
                name="title"
                maxLength={200}
                value={title}
                placeholder={t('notarise.titlePlaceholder')}
                onChange={(e) => setTitle(e.target.value)}
                data-testid="notarise-title"
              />
            </label>
          </div>
          <div className="notarise-alg">
            <FilterSelect
              label={t('notarise.alg')}
              value={alg}
              onChange={(v) => setAlg(v === 'sm3' ? 'sm3' : 'sha256')}
              options={ALGS.map((a) => ({ value: a, label: label('hashAlg.', a) }))}
              testId="notarise-alg"
            />
          </div>
          {file && (
            <dl className="fields notarise-file-info">
              <dt>{t('notarise.size')}</dt>
              <dd>{t('notarise.bytes', { n: file.size.toLocaleString() })}</dd>
              <dt>{t('notarise.digest')}</dt>
              <dd className="hash" data-testid="notarise-digest" data-alg={alg}>
                {digest ?? <span className="muted">{t('notarise.hashing')}</span>}
              </dd>
            </dl>
          )}
          {hashError !== null && <ErrorNotice error={hashError} />}
          {hint && (
            <p className="field-hint" role="alert">
              {hint}
            </p>
          )}
          <div className="action-row">
            <button
              type="submit"
              className="btn btn-primary"
              disabled={action.busy || (file !== null && digest === null)}
              data-testid="notarise-submit"
            >
              {action.busy ? t('notarise.submitting') : t('notarise.submit')}
            </button>
          </div>
        </form>
        {action.error !== null && <ErrorNotice error={action.error} />}
      </section>
      {receipt && <NotariseReceipt receipt={receipt} onUpdate={setReceipt} />}
    </div>
  );
}
