// From what a steward typed to the stored document: defaults resolved, levels on both scales, item codes
// kept stable across versions, and the structural rules of the catalogue checked field by field. The level
// policy is a separate check (policy-check.ts) because its breaches are 422s with explanations, not typos.
import type { FieldIssue } from '../../../../kernel/index.js';
import { defaultMaskFor } from '../masking/index.js';
import { classificationCode } from './code.js';
import { nationalFor, provincialFor, type PolicyTable } from './policy.js';
import type { ParsedResourceInput } from './schema.js';
import type { Item, ResourceDoc } from './types.js';
import {
  BASIC_CLASSES,
  FORMAT_METHODS,
  FORMAT_LABELS,
  levelRank,
  stricterShare,
  THEME_CLASSES,
  type NationalLevel,
} from './vocab.js';

const LENGTH_TYPES = new Set(['string', 'number', 'binary']);

/** Normalises a parsed input; `previous` (the last version) keeps item codes stable by item name. */
export function normaliseResource(
  input: ParsedResourceInput,
  policy: PolicyTable,
  previous?: ResourceDoc | null,
): { doc: ResourceDoc; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const issue = (field: string, code: string, message: string) => issues.push({ field, code, message });
  const c = input.classification;
  if (c.category === 'basic' && !BASIC_CLASSES[c.item])
    issue('classification.item', 'UNKNOWN_CLASS', `基础 class has no 项 ${c.item}`);
  if (c.category === 'theme' && !THEME_CLASSES[c.item])
    issue('classification.item', 'UNKNOWN_CLASS', `主题 class has no 项 ${c.item}`);

  const share = input.share;
  if (share.type === 'conditional' && !share.condition)
    issue('share.condition', 'REQUIRED', '有条件共享 needs a condition');
  if (share.type !== 'unconditional' && !share.basis)
    issue('share.basis', 'REQUIRED', '有条件共享 and 不予共享 need a legal or policy basis');
  const methods = [...new Set(share.methods)];
  for (const m of methods)
    if (!FORMAT_METHODS[input.format].includes(m))
      issue(
        'share.methods',
        'METHOD_FORMAT',
        `a ${FORMAT_LABELS[input.format]} resource cannot be delivered by ${m}; allowed: ${FORMAT_METHODS[input.format].join(', ')}`,
      );
  const open = input.open;
  if (open.type === 'conditional' && !open.condition)
    issue('open.condition', 'REQUIRED', '有条件开放 needs a condition');
  if (open.type !== 'open' && !open.reason)
    issue(
      'open.reason',
      'REQUIRED',
      '有条件开放 and 不予开放 need a reason (法律法规/政策文件/涉及敏感信息/其他)',
    );
  if (share.type === 'none' && open.type !== 'closed')
    issue(
      'open.type',
      'OPEN_UNSHARED',
      'a resource not shared with departments cannot be opened to the public',
    );

  if (input.format !== 'file' && input.items.length === 0)
    issue('items', 'REQUIRED', 'a table or API resource needs at least one item');
  if (input.format === 'table' && input.items.length > 0 && !input.items.some((i) => i.primaryKey))
    issue('items', 'PRIMARY_KEY', 'a table resource needs at least one primary-key item');

  const previousCodes = new Map((previous?.items ?? []).map((i) => [i.name, i.code]));
  // Codes already spoken for (earlier versions, or typed by the steward) are never handed out again.
  const taken = new Set([...previousCodes.values(), ...input.items.flatMap((i) => (i.code ? [i.code] : []))]);
  const used = new Set<string>();
  const seenNames = new Set<string>();
  let next = 1;
  const freshCode = (): string => {
    let code = `I${String(next).padStart(3, '0')}`;
    while (taken.has(code)) code = `I${String(++next).padStart(3, '0')}`;
    taken.add(code);
    return code;
  };
  const items: Item[] = input.items.map((it, idx) => {
    const f = `items.${idx}`;
    if (seenNames.has(it.name)) issue(`${f}.name`, 'DUPLICATE', `item name ${it.name} appears twice`);
    seenNames.add(it.name);
    const code = it.code ?? previousCodes.get(it.name) ?? freshCode();
    if (used.has(code)) issue(`${f}.code`, 'DUPLICATE', `item code ${code} appears twice`);
    used.add(code);
    if (it.length !== undefined && !LENGTH_TYPES.has(it.dataType))
      issue(`${f}.length`, 'NOT_APPLICABLE', `a ${it.dataType} item has no length`);
    if (it.scale !== undefined && it.dataType !== 'number')
      issue(`${f}.scale`, 'NOT_APPLICABLE', 'only number items have a scale');
    if (!it.nationalLevel && !it.provincialLevel)
      issue(
        `${f}.nationalLevel`,
        'REQUIRED',
        'give the national level (一般1-4/重要/核心) or the provincial level (L1-L4)',
      );
    // Both scales given: the stricter wins (就高从严), so a mismatch can only raise the level.
    const fromProvincial = it.provincialLevel ? nationalFor(policy, it.provincialLevel) : 'general1';
    const national: NationalLevel = maxLevel(it.nationalLevel ?? 'general1', fromProvincial);
    const own = it.shareType ?? share.type;
    return {
      name: it.name,
      label: it.label,
      code,
      dataType: it.dataType,
      length: it.length ?? null,
      scale: it.scale ?? null,
      nullable: it.primaryKey ? false : it.nullable,
      primaryKey: it.primaryKey,
      piiKind: it.piiKind,
      nationalLevel: national,
      provincialLevel: it.provincialLevel ?? provincialFor(policy, national),
      shareType: own,
      effectiveShareType: stricterShare(own, share.type),
      secret: it.secret,
      defaultMask: it.defaultMask ?? (it.piiKind ? defaultMaskFor(it.piiKind) : { kind: 'clear' }),
      watermarkTolerant: it.watermarkTolerant,
      description: it.description || null,
    };
  });
  const level = items.reduce<NationalLevel>((l, i) => maxLevel(l, i.nationalLevel), 'general1');
  const doc: ResourceDoc = {
    classification: {
      category: c.category,
      item: c.item,
      catalog: c.catalog,
      detail: c.detail ?? null,
      code: classificationCode(c),
    },
    name: input.name,
    nameEn: input.nameEn || null,
    summary: input.summary,
    format: input.format,
    items,
    share: { type: share.type, condition: share.condition || null, methods, basis: share.basis || null },
    open: { type: open.type, condition: open.condition || null, reason: open.reason ?? null },
    updateCycle: input.updateCycle,
    relatedCodes: [...new Set(input.relatedCodes)],
    tags: [...new Set(input.tags)],
    spatial: input.spatial ?? null,
    contact: { name: input.contact.name, phone: input.contact.phone, email: input.contact.email ?? null },
    level,
    provincialLevel: provincialFor(policy, level),
  };
  return { doc, issues };
}

function maxLevel(a: NationalLevel, b: NationalLevel): NationalLevel {
  return levelRank(a) >= levelRank(b) ? a : b;
}
