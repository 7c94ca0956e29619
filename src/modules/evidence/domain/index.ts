// Public surface of the evidence ledger's pure domain: Merkle tree (RFC 9162), signed notes and checkpoints
// (c2sp.org/signed-note, tlog-checkpoint), witness cosignatures (tlog-cosignature) and the offline receipt
// verifier. No I/O here: storage, sequencing, HTTP and CLI build on these functions. Formats are specified in
// docs/evidence-formats.md.
export { MerkleError, NoteError } from './errors.js';
export {
  emptyRoot,
  hashSize,
  leafHash,
  nodeHash,
  treeHasher,
  type LogHashAlg,
  type TreeHasher,
} from './merkle-hash.js';
export {
  checkCount,
  consistencyProof,
  consistencyProofRefs,
  inclusionProof,
  inclusionProofRefs,
  newNodes,
  newNodesForBatch,
  perfectSubtrees,
  rootOf,
  type NodeRef,
  type SubtreeNode,
  type SubtreeSource,
} from './merkle.js';
export { rootFromInclusion, verifyConsistency, verifyInclusion } from './merkle-verify.js';
export { MemorySubtreeStore, SubtreeNodeMap } from './subtree-store.js';
export { leafBytes, leafHashOf } from './leaf.js';
export {
  SIGNATURE_LINE_PREFIX,
  decodeBase64,
  encodeBase64,
  formatSignatureLine,
  isValidKeyName,
  noteTextProblem,
} from './note-syntax.js';
export {
  NOTE_KEY_TYPE_BYTES,
  SM2_SM3_OID_DER,
  formatVerifierKey,
  noteKeyId,
  noteSigner,
  noteVerifier,
  parseVerifierKey,
  verifierKey,
  type NoteKeyType,
  type NoteSigner,
  type NoteVerifier,
} from './note-keys.js';
export {
  MAX_NOTE_SIGNATURES,
  addSignatureLines,
  checkNote,
  openNote,
  parseNote,
  parseSignatureLine,
  signNote,
  type CheckedSignature,
  type NoteSignature,
  type ParsedNote,
  type SignatureStatus,
  type VerifiedSignature,
} from './note.js';
export {
  COSIGNATURE_V1_BYTES,
  COSIGNATURE_V1_HEADER,
  cosign,
  cosignatureBytes,
  cosignatureMessage,
  cosignatureTimestamp,
  verifyCosignature,
} from './cosignature.js';
export {
  ROOT_HASH_BYTES,
  SM3_ORIGIN_SUFFIX,
  checkpointHashAlg,
  formatCheckpoint,
  logOrigin,
  openCheckpoint,
  parseCheckpoint,
  type Checkpoint,
  type CheckpointFields,
} from './checkpoint.js';
export {
  verifyReceipt,
  type Receipt,
  type ReceiptCheck,
  type ReceiptCheckName,
  type ReceiptDigest,
  type ReceiptTrust,
  type ReceiptVerification,
} from './receipt.js';
