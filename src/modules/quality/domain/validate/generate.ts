// The rules a resource gets from its catalogue entry alone, so every load is checked even before a steward
// writes a rule. Generation is a pure function of the items (no clock: birth dates are bounded by the token
// 'today', resolved per job), and ids are derived from item names, so the same catalogue yields the same rules.
import type { Item } from '../../../catalogue/index.js';
import { DEFAULT_FEMALE, DEFAULT_MALE } from './cross-field.js';
import type { Rule, RuleSpec, Severity } from './rules.js';

/** Earliest birth date the generated birth-date rule accepts without a warning. */
export const EARLIEST_BIRTH_DATE = '1900-01-01';

const GENDER_NAME = /(?:^|_)(?:xb|gender|sex)(?:_|$)/i;
const GENDER_LABEL = /性别|gender/i;
const HOUSEHOLD_NAME = /^(?:hjd|hjdq|hjszd)(?:_?dm)?$/;
const HOUSEHOLD_LABEL = /^户籍(?:所在)?地(?:区划)?(?:代码)?$/;

/** The single-item rule a PII kind implies, with its severity. */
function piiRule(item: Item): { spec: RuleSpec; severity: Severity } | undefined {
  switch (item.piiKind) {
    case 'idNumber':
      return { spec: { kind: 'idNumber' }, severity: 'reject' };
    case 'uscc':
      return { spec: { kind: 'uscc' }, severity: 'reject' };
    case 'mobile':
      return { spec: { kind: 'mobile' }, severity: 'reject' };
    case 'landline':
      return { spec: { kind: 'landline' }, severity: 'reject' };
    case 'email':
      return { spec: { kind: 'email' }, severity: 'reject' };
    case 'birthDate':
      // Centenarians and typing errors look alike; warn and let a person decide.
      return { spec: { kind: 'date', min: EARLIEST_BIRTH_DATE, max: 'today' }, severity: 'warn' };
    default:
      return undefined;
  }
}

/** True for an item that looks like a gender code (name xb/gender/sex or label 性别). */
export function isGenderItem(item: Pick<Item, 'name' | 'label'>): boolean {
  return GENDER_NAME.test(item.name) || GENDER_LABEL.test(item.label);
}

/** True for an item that holds the household-registration region (户籍地 / 户籍所在地 / 户籍地区划, hjd / hjdq). */
export function isHouseholdRegionItem(item: Pick<Item, 'name' | 'label' | 'piiKind'>): boolean {
  // 户籍地址 is a street address, not a region code: only exact labels count.
  return (
    item.piiKind !== 'address' && (HOUSEHOLD_NAME.test(item.name) || HOUSEHOLD_LABEL.test(item.label.trim()))
  );
}

/** The only element of a list, or undefined when there are none or several (several would be a guess). */
function only<T>(list: readonly T[]): T | undefined {
  return list.length === 1 ? list[0] : undefined;
}

/** Derives the rules an item list implies; deterministic, ids `gen:<item>:<kind>`. */
export function generateRules(items: readonly Item[]): Rule[] {
  const rules: Rule[] = [];
  const add = (target: string[], spec: RuleSpec, severity: Severity): void => {
    rules.push({
      id: `gen:${target.join('+')}:${spec.kind}`,
      items: target,
      spec,
      severity,
      origin: 'generated',
    });
  };
  for (const item of items) {
    if (!item.nullable || item.primaryKey) add([item.name], { kind: 'notNull' }, 'reject');
    // Numbers and binaries enforce their length while parsing (precision, bytes); text counts characters.
    if (item.dataType === 'string' && item.length !== null) {
      add([item.name], { kind: 'maxLength', max: item.length }, 'reject');
    }
    const pii = piiRule(item);
    if (pii) add([item.name], pii.spec, pii.severity);
  }
  // A composite primary key is one unique tuple, not several unique items.
  const key = items.filter((i) => i.primaryKey).map((i) => i.name);
  if (key.length > 0) add(key, { kind: 'unique' }, 'reject');

  const id = only(items.filter((i) => i.piiKind === 'idNumber'));
  if (id === undefined) return rules;
  const others = items.filter((i) => i !== id);
  const birth = only(others.filter((i) => i.piiKind === 'birthDate'));
  if (birth) {
    add([id.name, birth.name], { kind: 'idBirthDate', idItem: id.name, birthItem: birth.name }, 'warn');
  }
  const gender = only(others.filter((i) => i.piiKind === null && isGenderItem(i)));
  if (gender) {
    add(
      [id.name, gender.name],
      {
        kind: 'idGender',
        idItem: id.name,
        genderItem: gender.name,
        male: [...DEFAULT_MALE],
        female: [...DEFAULT_FEMALE],
      },
      'warn',
    );
  }
  const region = only(others.filter((i) => isHouseholdRegionItem(i)));
  if (region) {
    add([id.name, region.name], { kind: 'idRegion', idItem: id.name, regionItem: region.name }, 'warn');
  }
  return rules;
}
