// What changed between two versions of a resource. Other modules act on it: the data store migrates its
// table, the sharing workflow suspends grants that cover a removed, retyped or newly restricted item.
import type { Item, ResourceDoc } from './types.js';
import { levelRank, SHARE_TYPES } from './vocab.js';

/** A changed item with the properties that changed (before → after). */
export interface ItemChange {
  name: string;
  changes: Record<string, { from: unknown; to: unknown }>;
}

/** The version diff event's body. */
export interface VersionDiff {
  itemsAdded: string[];
  itemsRemoved: string[];
  /** Data type, length or scale changed: stored values may not convert. */
  itemsRetyped: string[];
  /** Level raised or effective share type tightened: existing grants no longer match the policy. */
  itemsRestricted: string[];
  itemsChanged: ItemChange[];
  /** Top-level fields that changed (name, summary, share, open, …). */
  fieldsChanged: string[];
}

const ITEM_FIELDS: (keyof Item)[] = [
  'label',
  'code',
  'dataType',
  'length',
  'scale',
  'nullable',
  'primaryKey',
  'piiKind',
  'nationalLevel',
  'provincialLevel',
  'shareType',
  'effectiveShareType',
  'secret',
  'defaultMask',
  'watermarkTolerant',
  'description',
];
const DOC_FIELDS: (keyof ResourceDoc)[] = [
  'classification',
  'name',
  'nameEn',
  'summary',
  'format',
  'share',
  'open',
  'updateCycle',
  'relatedCodes',
  'tags',
  'spatial',
  'contact',
  'level',
  'provincialLevel',
];

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The diff from `before` (null for a first version) to `after`. */
export function diffVersions(before: ResourceDoc | null, after: ResourceDoc): VersionDiff {
  const old = new Map((before?.items ?? []).map((i) => [i.name, i]));
  const now = new Map(after.items.map((i) => [i.name, i]));
  const diff: VersionDiff = {
    itemsAdded: after.items.filter((i) => !old.has(i.name)).map((i) => i.name),
    itemsRemoved: (before?.items ?? []).filter((i) => !now.has(i.name)).map((i) => i.name),
    itemsRetyped: [],
    itemsRestricted: [],
    itemsChanged: [],
    fieldsChanged: before ? DOC_FIELDS.filter((f) => !same(before[f], after[f])) : [],
  };
  for (const [name, a] of now) {
    const b = old.get(name);
    if (!b) continue;
    const changes: ItemChange['changes'] = {};
    for (const f of ITEM_FIELDS) if (!same(b[f], a[f])) changes[f] = { from: b[f], to: a[f] };
    if (Object.keys(changes).length === 0) continue;
    diff.itemsChanged.push({ name, changes });
    if (changes.dataType || changes.length || changes.scale) diff.itemsRetyped.push(name);
    if (
      levelRank(a.nationalLevel) > levelRank(b.nationalLevel) ||
      SHARE_TYPES.indexOf(a.effectiveShareType) > SHARE_TYPES.indexOf(b.effectiveShareType)
    )
      diff.itemsRestricted.push(name);
  }
  return diff;
}

/** True when existing grants on the resource are affected (they cover an item that went away or changed). */
export function affectsGrants(d: VersionDiff): boolean {
  return d.itemsRemoved.length + d.itemsRetyped.length + d.itemsRestricted.length > 0;
}
