import { useEffect, useState, type ChangeEvent, type FormEvent } from 'react';
import { getLedgerTrust } from '../api/evidence-endpoints';
import { ErrorNotice } from '../components/error-notice';
import { NoteFormatError } from '../evidence/note';
import { verifyReceipt, type ReceiptVerification } from '../evidence/receipt-verify';
import { useI18n } from '../i18n/i18n';
import { clearPendingReceipt, pendingReceipt } from './verify-handoff';
import { VerifyResult } from './verify-result';

// 存证核验 (public, also before login at /verify): a receipt (JSON file or pasted) and optionally the notarised
// file, both read locally; the file is hashed in the browser and never sent. The checks run in the browser
// (web/src/evidence/) against the keys, witnesses and quorum the platform publishes.

export function VerifyPage() {
  const { t, label } = useI18n();
  const [receiptText, setReceiptText] = useState(() => {
    const r = pendingReceipt();
    return r ? JSON.stringify(r, null, 2) : '';
  });
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [hint, setHint] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<ReceiptVerification | null>(null);

  useEffect(() => {
    clearPendingReceipt();
  }, []);

  const changed = () => {
    setResult(null);
    setHint(null);
    setError(null);
  };

  const onReceiptFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const f = e.target.files?.[0];
    changed();
    if (f) setReceiptText(await f.text());
  };

  const onFile = (e: ChangeEvent<HTMLInputElement>) => {
    changed();
    setFile(e.target.files?.[0] ?? null);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    changed();
    if (!receiptText.trim()) return setHint(t('verify.needReceipt'));
    let receipt: unknown;
    try {
      receipt = JSON.parse(receiptText);
    } catch (err) {
      return setHint(t('verify.badJson', { message: err instanceof Error ? err.message : String(err) }));
    }
    setBusy(true);
    try {
      const trust = await getLedgerTrust();
      const bytes = file ? new Uint8Array(await file.arrayBuffer()) : undefined;
      setResult(await verifyReceipt(receipt, { ...trust, ...(bytes && { file: bytes }) }));
    } catch (err) {
      if (err instanceof NoteFormatError)
        setHint(t('verify.trustError', { reason: label('noteError.', err.code) }));
      else setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="page-verify">
      <section className="card" data-testid="verify-form">
        <p className="page-hint">{t('verify.hint')}</p>
        <form onSubmit={(e) => void submit(e)} noValidate>
          <div className="form-grid">
            <label className="field">
              <span>{t('verify.receiptFile')}</span>
              <input
                type="file"
                accept="application/json,.json"
                onChange={(e) => void onReceiptFile(e)}
                data-testid="verify-receipt-file"
              />
            </label>
            <label className="field">
              <span>{t('verify.file')}</span>
              <input type="file" onChange={onFile} data-testid="verify-file" />
            </label>
          </div>
          <label className="field">
            <span>{t('verify.receiptText')}</span>
            <textarea
              name="receipt"
              className="mono"
              rows={6}
              spellCheck={false}
              value={receiptText}
              onChange={(e) => {
                changed();
                setReceiptText(e.target.value);
              }}
              data-testid="verify-receipt-text"
            />
          </label>
          {hint && (
            <p className="field-hint" role="alert">
              {hint}
            </p>
          )}
          <div className="action-row">
            <button type="submit" className="btn btn-primary" disabled={busy} data-testid="verify-submit">
              {busy ? t('verify.verifying') : t('verify.submit')}
            </button>
          </div>
        </form>
        <p className="muted small">{t('verify.trustNote')}</p>
      </section>
      {error !== null && <ErrorNotice error={error} />}
      {result && <VerifyResult result={result} />}
    </div>
  );
}
