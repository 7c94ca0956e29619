// The kernel's import-free door: the verification worker threads load this module (ADR 0007).
import { canonicalJson } from '../../kernel/pure.js';
import type { TreeHasher } from './domain/index.js';
import { eventLeaf } from './event-leaf.js';
import type { EventRow } from './tables.js';

// Leaf texts for the sequencer and full verification, which write one per leaf: the RFC 8785 form of eventLeaf()
// (event-leaf.ts), written directly. The verification worker threads load this module too.

const json = JSON.stringify;

// The JSON of each field's value in the previous leaf, by field: consecutive events mostly share their action,
// actor, organisations, subject type, digest algorithm, and within a batch their time and request, so most
// values are written once per run of leaves instead of once per leaf (a comparison instead of a new string).
const F_ACTION = 0;
const F_ACTOR_ID = 1;
const F_ACTOR_KIND = 2;
const F_ACTOR_ORG = 3;
const F_ID = 4;
const F_ORG = 5;
const F_REQUEST = 6;
const F_SUBJECT_ID = 7;
const F_SUBJECT_TYPE = 8;
const F_TIME = 9;
const F_ALG = 10;
const F_DIGEST = 11;
// Starts as a value no field has (undefined is not written the fast way, so it must not hit the memory).
const lastValue: unknown[] = new Array<unknown>(12).fill(Symbol('none'));
const lastJson: string[] = new Array<string>(12).fill('');

/**
 * JSON of a nullable string as JCS writes it; undefined for anything else (then the generic path is taken).
 * `field` names the slot of the previous leaf's value.
 */
function str(field: number, v: unknown): string | undefined {
  if (v === lastValue[field]) return lastJson[field];
  let out: string;
  if (v === null) out = 'null';
  else if (typeof v === 'string') out = json(v);
  else return undefined;
  lastValue[field] = v;
  lastJson[field] = out;
  return out;
}

/**
 * canonicalJson(eventLeaf(index, e)) written directly in the leaf's key order, several times faster than the
 * generic JCS walk (the sequencer and full verification make one per leaf). It covers the leaf schema of
 * event-leaf.ts; anything outside it — a notarisation (which lifts its file digest to the top level), a value
 * that is not a string or null — is returned as undefined and takes the generic path. leafText() checks it
 * against the generic form on the first leaf of every batch, so a change to eventLeaf() that this function does
 * not follow turns the fast path off rather than producing different leaves.
 */
function fastLeafText(index: number, e: EventRow, detailsCanonical: boolean): string | undefined {
  if (e.action === 'evidence.notarise' || !Number.isSafeInteger(index)) return undefined;
  const action = str(F_ACTION, e.action);
  const actorId = str(F_ACTOR_ID, e.actor_id);
  const actorKind = str(F_ACTOR_KIND, e.actor_kind);
  const actorOrg = str(F_ACTOR_ORG, e.actor_org_id);
  const id = str(F_ID, e.id);
  const org = str(F_ORG, e.org_id);
  const request = str(F_REQUEST, e.request_id);
  const subjectId = str(F_SUBJECT_ID, e.subject_id);
  const subjectType = str(F_SUBJECT_TYPE, e.subject_type);
  const time = str(F_TIME, e.occurred_at);
  if (
    action === undefined ||
    actorId === undefined ||
    actorKind === undefined ||
    actorOrg === undefined ||
    id === undefined ||
    org === undefined ||
    request === undefined ||
    subjectId === undefined ||
    subjectType === undefined ||
    time === undefined ||
    typeof e.details !== 'string'
  )
    return undefined;
  let change = 'null';
  if (e.change_digest) {
    const alg = str(F_ALG, e.digest_alg);
    const digest = str(F_DIGEST, e.change_digest);
    if (alg === undefined || digest === undefined) return undefined;
    change = `{"alg":${alg},"digest":${digest}}`;
  }
  const details = e.details === '{}' || detailsCanonical ? e.details : canonicalJson(JSON.parse(e.details));
  return (
    `{"action":${action},"actor":{"id":${actorId},"kind":${actorKind},"org":${actorOrg}},"change":${change},` +
    `"details":${details},"id":${id},"index":${index},"org":${org},"request":${request},` +
    `"subject":{"id":${subjectId},"type":${subjectType}},"time":${time},"v":1}`
  );
}

/**
 * The leaf texts (RFC 8785 JSON of eventLeaf) of events at consecutive indices from `start`. The first leaf the
 * fast writer handles is also written the generic way; if the two differ, the rest of the batch is written the
 * generic way. `detailsCanonical` says the events' details texts are known to be in RFC 8785 form — events the
 * audit port has just made (auditDetailsText), never rows read back from the database — so they are written
 * as they are instead of parsed and canonicalised again.
 */
export function leafTexts(start: number, events: readonly EventRow[], detailsCanonical = false): string[] {
  const out = new Array<string>(events.length);
  let fast = true;
  let checked = false;
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!;
    let text = fast ? fastLeafText(start + i, e, detailsCanonical) : undefined;
    if (text !== undefined && !checked) {
      checked = true;
      const generic = canonicalJson(eventLeaf(start + i, e));
      if (text !== generic) {
        fast = false;
        text = generic;
      }
    }
    out[i] = text ?? canonicalJson(eventLeaf(start + i, e));
  }
  return out;
}

/** The leaf text of one event (see leafTexts). */
export function leafText(index: number, e: EventRow): string {
  return leafTexts(index, [e])[0]!;
}

// One buffer per thread for H(0x00 ‖ leaf): the sequencer and full verification hash one leaf text after another,
// and writing each into this buffer after the prefix byte spares a concatenated string and a Buffer per leaf
// (allocation that, at hundreds of thousands of leaves a second, showed up as garbage-collector time).
let scratch = Buffer.allocUnsafe(16 * 1024);

/** The RFC 9162 leaf hash H(0x00 ‖ UTF-8(text)) of a leaf text. */
export function leafTextHash(h: TreeHasher, text: string): Buffer {
  const max = 1 + 3 * text.length;
  if (max > scratch.length) scratch = Buffer.allocUnsafe(max);
  scratch[0] = 0x00;
  const n = scratch.write(text, 1, 'utf8');
  return h(scratch.subarray(0, 1 + n));
}
