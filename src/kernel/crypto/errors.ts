/** The single error type of the crypto kernel: callers catch one class, and messages never carry key material. */
export class CryptoError extends Error {
  readonly code = 'CRYPTO_ERROR' as const;

  /** Builds an error; `cause` keeps the underlying library error for logs without leaking it into the message. */
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CryptoError';
  }
}
