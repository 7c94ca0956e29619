// Errors of the evidence domain. Verifiers never throw on bad evidence (they return false or a failed check);
// these errors are for impossible requests (a proof for a leaf beyond the tree) and malformed inputs that a
// caller should answer with a 400, such as an unparseable note, checkpoint or verifier key.

/** An impossible Merkle-tree request, e.g. an inclusion proof for index ≥ size or a consistency proof from 0. */
export class MerkleError extends Error {
  readonly code = 'MERKLE_ERROR' as const;

  /** Builds the error; messages name sizes and indices only, never hashes or leaf contents. */
  constructor(message: string) {
    super(message);
    this.name = 'MerkleError';
  }
}

/** A malformed signed note, checkpoint, signature line or verifier key, or a note that fails verification. */
export class NoteError extends Error {
  readonly code = 'NOTE_ERROR' as const;

  /** Builds the error; messages may quote key names (public) but never private key material. */
  constructor(message: string) {
    super(message);
    this.name = 'NoteError';
  }
}
