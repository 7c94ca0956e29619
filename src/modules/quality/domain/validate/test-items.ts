// Item builders shared by this folder's tests (kept beside them: modules may not import another module's
// test helpers, and the catalogue's normaliser is not on its public door).
import { masking, type Item } from '../../../catalogue/index.js';

/** A normalised catalogue item with test defaults; the default mask follows the PII kind as the catalogue does. */
export function testItem(name: string, fields: Partial<Item> = {}): Item {
  const piiKind = fields.piiKind ?? null;
  return {
    name,
    label: name,
    code: name,
    dataType: 'string',
    length: null,
    scale: null,
    nullable: true,
    primaryKey: false,
    piiKind,
    nationalLevel: 'general2',
    provincialLevel: 'L2',
    shareType: 'unconditional',
    effectiveShareType: 'unconditional',
    secret: false,
    defaultMask: piiKind ? masking.defaultMaskFor(piiKind) : { kind: 'clear' },
    watermarkTolerant: false,
    description: null,
    ...fields,
  };
}

/** A 人口 resource's items: ID number (primary key), name, gender, birth date, household region, mobile. */
export function personItems(): Item[] {
  return [
    testItem('sfzh', {
      label: '身份证号',
      length: 18,
      primaryKey: true,
      nullable: false,
      piiKind: 'idNumber',
    }),
    testItem('xm', { label: '姓名', length: 50, nullable: false, piiKind: 'name' }),
    testItem('xb', { label: '性别', length: 1 }),
    testItem('csrq', { label: '出生日期', dataType: 'date', piiKind: 'birthDate' }),
    testItem('hjd', { label: '户籍地', length: 6 }),
    testItem('sjhm', { label: '手机号码', length: 11, piiKind: 'mobile' }),
  ];
}
