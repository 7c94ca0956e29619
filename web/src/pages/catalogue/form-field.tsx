import type { ReactNode } from 'react';
import { errorAt, type Draft, type FieldErrors } from './editor-model';

// A labelled control of the resource form, with the server's problem for its path (share.condition, …)
// under it and the whole field outlined.

/** What the form's sections receive to change the draft. */
export type SetDraft = (patch: Partial<Draft>) => void;

/** A labelled control with the server's problem for its path. */
export function Field({
  label,
  path,
  errors,
  wide,
  exact,
  children,
}: {
  label: string;
  path: string;
  errors: FieldErrors;
  wide?: boolean;
  /** Only problems of this very path (not of the fields inside it, shown by their own controls). */
  exact?: boolean;
  children: ReactNode;
}) {
  const error = exact ? errors.get(path)?.join('；') : errorAt(errors, path);
  return (
    <label
      className={`field${wide ? ' wide' : ''}${error ? ' field-invalid' : ''}`}
      data-field={path}
      data-invalid={error ? 'true' : undefined}
    >
      <span>{label}</span>
      {children}
      {error && (
        <span className="cell-error" role="alert">
          {error}
        </span>
      )}
    </label>
  );
}
