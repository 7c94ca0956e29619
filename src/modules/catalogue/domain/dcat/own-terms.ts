// What DCAT-AP has no property for, in our own namespace: the 信息项 (columns) of a resource and, in the
// full export only, the 共享/开放 attributes and grading an upper-level platform needs when it cascades the
// catalogue. The public export lists only the items the public may see and none of the sharing conditions.
import type { Item, ResourceDoc } from '../resource/index.js';
import { ownValue, type ExportContext } from './context.js';
import { segment } from './iri.js';
import { dct, rdfs } from './vocabulary.js';

/** Adds the 共享属性, 开放属性 and grading of a dataset (full scope). */
export function describeSharing(ctx: ExportContext, ds: string, doc: ResourceDoc): void {
  const { g, own } = ctx;
  g.add(ds, own('shareType'), g.plain(doc.share.type));
  if (doc.share.condition) g.add(ds, own('shareCondition'), g.text(doc.share.condition, 'zh'));
  if (doc.share.basis) g.add(ds, own('shareBasis'), g.text(doc.share.basis, 'zh'));
  for (const m of doc.share.methods) g.add(ds, own('shareMethod'), g.plain(m));
  g.add(ds, own('openType'), g.plain(doc.open.type));
  if (doc.open.condition) g.add(ds, own('openCondition'), g.text(doc.open.condition, 'zh'));
  if (doc.open.reason) {
    g.add(ds, own('openReason'), g.plain(doc.open.reason.kind));
    g.add(ds, own('openReasonText'), g.text(doc.open.reason.text, 'zh'));
  }
  g.add(ds, own('level'), g.plain(doc.level));
  g.add(ds, own('provincialLevel'), g.plain(doc.provincialLevel));
}

/** Items the scope may show: the public never sees secret or 不予共享 items. */
export function visibleItems(ctx: ExportContext, doc: ResourceDoc): Item[] {
  if (ctx.scope === 'full') return doc.items;
  return doc.items.filter((i) => !i.secret && i.effectiveShareType !== 'none');
}

/** Adds the dataset's items as nodes `<dataset>#item-<code>`. */
export function describeItems(ctx: ExportContext, ds: string, doc: ResourceDoc): void {
  const { g, own } = ctx;
  for (const [position, item] of visibleItems(ctx, doc).entries()) {
    const node = `${ds}#item-${segment(item.code)}`;
    g.link(ds, own('item'), node);
    g.type(node, own('Item'));
    g.add(node, own('itemCode'), g.plain(item.code));
    g.add(node, own('itemName'), g.plain(item.name));
    g.add(node, rdfs('label'), g.text(item.label, 'zh'));
    if (item.description) g.add(node, dct('description'), g.text(item.description, 'zh'));
    g.add(node, own('dataType'), g.plain(item.dataType));
    ownValue(ctx, node, 'position', position + 1);
    ownValue(ctx, node, 'length', item.length);
    ownValue(ctx, node, 'scale', item.scale);
    ownValue(ctx, node, 'nullable', item.nullable);
    ownValue(ctx, node, 'primaryKey', item.primaryKey);
    if (ctx.scope === 'full') {
      g.add(node, own('level'), g.plain(item.nationalLevel));
      g.add(node, own('provincialLevel'), g.plain(item.provincialLevel));
      g.add(node, own('shareType'), g.plain(item.effectiveShareType));
      ownValue(ctx, node, 'secret', item.secret);
    }
  }
}
