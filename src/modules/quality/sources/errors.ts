// Source failures carry a small, stable code so the ingestion job can tell a bad file (FORMAT, ENCODING,
// TOO_LARGE: fix the data, retrying will not help) from a refused or failing remote (REFUSED: fix the
// registration; REMOTE: retry later). Messages name the row or line so a data steward can find the problem.

/** Why a source could not be read. */
export type SourceErrorCode = 'ENCODING' | 'FORMAT' | 'TOO_LARGE' | 'REFUSED' | 'REMOTE';

/** A failure while reading a source, with the data row (and, for text files, the line) where it happened. */
export class SourceError extends Error {
  readonly code: SourceErrorCode;
  readonly rowNo: number | undefined;
  /** 1-based physical line in a text file, when known. */
  readonly line: number | undefined;

  constructor(code: SourceErrorCode, message: string, where: { rowNo?: number; line?: number } = {}) {
    super(message);
    this.name = 'SourceError';
    this.code = code;
    this.rowNo = where.rowNo;
    this.line = where.line;
  }
}

/** A connection the guard does not permit (private address, the platform's own database, bad scheme …). */
export class SourceRefused extends SourceError {
  constructor(message: string) {
    super('REFUSED', message);
    this.name = 'SourceRefused';
  }
}

/** True when the value is a SourceError (including SourceRefused). */
export function isSourceError(e: unknown): e is SourceError {
  return e instanceof SourceError;
}
