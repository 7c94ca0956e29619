// The demo city's catalogue (issue 5 §8): about forty resources of the nine departments of 杭州市, as their
// stewards would register them, graded item by item under the default level policy. The stories of
// SCENARIOS.md are played against them (企业登记信息 and 电子营业执照 for S1; 户籍, 婚姻, 社保, 不动产 and 纳税 for
// 低保; 学籍, 户口 and 不动产 for 入学; the open resources for the portal). The four resources whose source data
// the demo generates (docs/demo-data.md) carry the CSV column names as item codes, so files map onto items.
//
// Each body is sent as-is to the catalogue API by the department's steward; the published ones are then
// submitted and approved by the bureau. Search wording is deliberate: 社保参保缴费信息 never says 社会保险,
// 城乡居民基本医疗保险参保登记信息 never says 医保 and 户口迁移登记信息 never says 户籍, so that those queries
// find them through the synonym list only (demo-catalogue.test.ts checks it).
import type { ResourceInput } from '../../../modules/catalogue/index.js';
import { DEMO_REGION } from '../demo-city.data.js';

/** One demo resource: the providing department's key, the document its steward sends and where it ends up. */
export interface DemoResource {
  dept: string;
  body: ResourceInput;
  state: 'published' | 'submitted' | 'draft';
}

type ItemInput = ResourceInput['items'][number];
type Level = NonNullable<ItemInput['nationalLevel']>;
type More = Omit<Partial<ItemInput>, 'name' | 'label' | 'dataType' | 'length' | 'scale' | 'nationalLevel'>;

function str(name: string, label: string, length: number, level: Level, more: More = {}): ItemInput {
  return { name, label, dataType: 'string', length, nationalLevel: level, ...more };
}

function num(
  name: string,
  label: string,
  length: number,
  scale: number,
  level: Level,
  more: More = {},
): ItemInput {
  return {
    name,
    label,
    dataType: 'number',
    length,
    ...(scale > 0 && { scale }),
    nationalLevel: level,
    ...more,
  };
}

function day(name: string, label: string, level: Level, more: More = {}): ItemInput {
  return { name, label, dataType: 'date', nationalLevel: level, ...more };
}

function time(name: string, label: string, level: Level, more: More = {}): ItemInput {
  return { name, label, dataType: 'datetime', nationalLevel: level, ...more };
}

function flag(name: string, label: string, level: Level, more: More = {}): ItemInput {
  return { name, label, dataType: 'boolean', nationalLevel: level, ...more };
}

/** 公民身份号码 (GB 11643): 一般3 by default, 一般4 where it links a person to assets or income. */
function idNumber(name = 'id_number', label = '公民身份号码', level: Level = 'general3', more: More = {}) {
  return str(name, label, 18, level, { piiKind: 'idNumber', ...more });
}

function personName(name = 'name', label = '姓名', level: Level = 'general3', more: More = {}) {
  return str(name, label, 50, level, { piiKind: 'name', ...more });
}

function mobile(name = 'mobile', label = '手机号码', more: More = {}) {
  return str(name, label, 11, 'general3', { piiKind: 'mobile', ...more });
}

function uscc(name = 'uscc', label = '统一社会信用代码', more: More = {}) {
  return str(name, label, 18, 'general1', { piiKind: 'uscc', ...more });
}

/** A legal representative's name in a public register: 一般2 and shown in full, as the law publishes it. */
function legalRep(label = '法定代表人', more: More = {}) {
  return str('legal_rep', label, 50, 'general2', {
    piiKind: 'name',
    defaultMask: { kind: 'clear' },
    description: '依法公示的登记事项，明文提供',
    ...more,
  });
}

const CONTACTS = {
  gaj: { name: '陈立新', phone: '0571-87280116', email: 'data@gaj.example.gov.cn' },
  scjg: { name: '王海燕', phone: '0571-85151203', email: 'data@scjg.example.gov.cn' },
  rsj: { name: '李晓东', phone: '0571-85253318', email: 'data@rsj.example.gov.cn' },
  mzj: { name: '赵静', phone: '0571-85163427', email: 'data@mzj.example.gov.cn' },
  wjw: { name: '孙伟', phone: '0571-87067532', email: 'data@wjw.example.gov.cn' },
  jyj: { name: '钱丽华', phone: '0571-86094645', email: 'data@jyj.example.gov.cn' },
  zrzy: { name: '吴志强', phone: '0571-85337756', email: 'data@zrzy.example.gov.cn' },
  swj: { name: '郑敏', phone: '0571-87718861', email: 'data@swj.example.gov.cn' },
  tjj: { name: '冯涛', phone: '0571-86471972', email: 'data@tjj.example.gov.cn' },
} as const;

const PERSONAL = {
  kind: 'sensitive',
  text: '涉及个人信息，依《中华人民共和国个人信息保护法》不向社会开放',
} as const;
const MINORS = {
  kind: 'sensitive',
  text: '涉及未成年人个人信息，依《中华人民共和国未成年人保护法》不向社会开放',
} as const;

export const DEMO_RESOURCES: DemoResource[] = [
  // ── 公安局 ────────────────────────────────────────────────────────────────────────────────────────────────
  {
    dept: 'gaj',
    state: 'published',
    body: {
      classification: { category: 'basic', item: '01', catalog: '001' },
      name: '人口基本信息',
      nameEn: 'Basic Population Information',
      summary:
        '全市户籍人口和登记居住人口的基本信息，包括公民身份号码、姓名、性别、出生日期、民族、户籍地址、居住街道、手机号码、婚姻状况和死亡标志，是身份核验、低保审核、入学资格审核等事项的基础数据。',
      format: 'table',
      items: [
        idNumber('id_number', '公民身份号码', 'general3', { code: 'sfzh', primaryKey: true }),
        personName('name', '姓名', 'general3', { code: 'xm', nullable: false }),
        str('gender', '性别', 2, 'general1', { code: 'xb', nullable: false, description: '男 / 女' }),
        day('birth_date', '出生日期', 'general2', { code: 'csrq', nullable: false, piiKind: 'birthDate' }),
        str('ethnicity', '民族', 20, 'general2', { code: 'mz', nullable: false }),
        str('household_address', '户籍地址', 200, 'general3', {
          code: 'hjdz',
          nullable: false,
          piiKind: 'address',
        }),
        str('residence_street', '居住街道', 50, 'general2', { code: 'jzjd' }),
        mobile('mobile', '手机号码', { code: 'sjhm' }),
        str('marital_status', '婚姻状况', 4, 'general2', {
          code: 'hyzk',
          description: '未婚 / 已婚 / 离婚 / 丧偶',
        }),
        str('deceased', '死亡标志', 1, 'general2', {
          code: 'swbz',
          nullable: false,
          description: '0 在世，1 已死亡',
        }),
      ],
      share: {
        type: 'conditional',
        condition:
          '仅限政务部门依法履职使用，申请时写明用途和依据，按最小必要原则选择信息项；身份号码、姓名、地址和手机号码默认脱敏提供。',
        methods: ['api', 'package', 'verification', 'sandbox'],
        basis: '《中华人民共和国居民身份证法》；《中华人民共和国户口登记条例》；《浙江省公共数据条例》',
      },
      open: { type: 'closed', reason: PERSONAL },
      updateCycle: 'daily',
      tags: ['人口', '户籍', '基础库', '身份核验'],
      spatial: DEMO_REGION,
      contact: CONTACTS.gaj,
    },
  },
  {
    dept: 'gaj',
    state: 'published',
    body: {
      classification: { category: 'basic', item: '01', catalog: '002' },
      name: '户口迁移登记信息',
      nameEn: 'Household Registration Transfers',
      summary:
        '公安机关办理的户口迁入、迁出和注销登记记录，含迁移类型、迁移原因、迁出地、迁入地和办理日期，用于落户审核、入学资格审核和社会救助中的居住年限核验。',
      format: 'table',
      items: [
        str('record_no', '业务流水号', 32, 'general1', { primaryKey: true }),
        idNumber(),
        personName(),
        str('move_type', '迁移类型', 10, 'general1', { nullable: false, description: '迁入 / 迁出 / 注销' }),
        str('move_reason', '迁移原因', 50, 'general2'),
        str('from_region', '迁出地行政区划代码', 6, 'general1'),
        str('from_address', '迁出地址', 200, 'general3', { piiKind: 'address' }),
        str('to_address', '迁入地址', 200, 'general3', { piiKind: 'address' }),
        str('permit_no', '准予迁入证明编号', 32, 'general2'),
        day('handled_on', '办理日期', 'general1', { nullable: false }),
        str('police_station', '办理派出所', 100, 'general1'),
      ],
      share: {
        type: 'conditional',
        condition: '用于落户、入学资格和社会救助审核中的迁移记录核验，原则上以核验或接口方式按人查询。',
        methods: ['api', 'verification', 'sandbox'],
        basis: '《中华人民共和国户口登记条例》；《浙江省公共数据条例》',
      },
      open: { type: 'closed', reason: PERSONAL },
      updateCycle: 'daily',
      tags: ['户口', '迁入', '迁出', '落户'],
      spatial: DEMO_REGION,
      contact: CONTACTS.gaj,
    },
  },
  {
    dept: 'gaj',
    state: 'published',
    body: {
      classification: { category: 'basic', item: '01', catalog: '003' },
      name: '居民身份信息核验接口',
      nameEn: 'Resident Identity Verification API',
      summary:
        '输入公民身份号码和姓名，返回二者是否一致以及居民身份证是否有效，不返回其他个人信息，供政务服务实名核验使用。',
      format: 'api',
      items: [
        idNumber('id_number', '公民身份号码', 'general4', { nullable: false, description: '请求参数' }),
        personName('name', '姓名', 'general3', { nullable: false, description: '请求参数' }),
        str('match_result', '核验结果', 10, 'general1', { description: '一致 / 不一致 / 查无此人' }),
        str('card_status', '证件状态', 10, 'general2', { description: '有效 / 失效' }),
        time('checked_at', '核验时间', 'general1'),
      ],
      share: {
        type: 'conditional',
        condition:
          '仅限已接入统一身份认证的政务服务系统在办件过程中逐笔实名核验，不得批量比对或留存结果以外的信息。',
        methods: ['api', 'verification'],
        basis: '《中华人民共和国居民身份证法》；《中华人民共和国个人信息保护法》',
      },
      open: { type: 'closed', reason: PERSONAL },
      updateCycle: 'realtime',
      tags: ['身份核验', '实名认证', '身份证'],
      contact: CONTACTS.gaj,
    },
  },
  {
    dept: 'gaj',
    state: 'published',
    body: {
      classification: { category: 'basic', item: '01', catalog: '004' },
      name: '出生登记信息',
      nameEn: 'Birth Registrations',
      summary:
        '新生儿出生登记（新生儿落户）的申报记录，依据出生医学证明办理，含新生儿身份号码、姓名、出生日期、监护人和落户地址。',
      format: 'table',
      items: [
        idNumber('id_number', '新生儿公民身份号码', 'general3', { primaryKey: true }),
        personName('name', '新生儿姓名'),
        str('gender', '性别', 2, 'general1'),
        day('birth_date', '出生日期', 'general2', { piiKind: 'birthDate', nullable: false }),
        str('birth_cert_no', '出生医学证明编号', 10, 'general2'),
        idNumber('guardian_id_number', '监护人公民身份号码'),
        personName('guardian_name', '监护人姓名'),
        str('registered_address', '落户地址', 200, 'general3', { piiKind: 'address' }),
        day('declared_on', '申报日期', 'general1'),
        str('police_station', '登记派出所', 100, 'general1'),
      ],
      share: {
        type: 'conditional',
        condition: '用于“出生一件事”联办（出生即参保、预防接种建档、生育津贴）中的落户结果核验。',
        methods: ['api', 'verification', 'sandbox'],
        basis: '《中华人民共和国户口登记条例》第七条；《浙江省公共数据条例》',
      },
      open: { type: 'closed', reason: MINORS },
      updateCycle: 'daily',
      tags: ['出生', '新生儿落户', '人口'],
      spatial: DEMO_REGION,
      contact: CONTACTS.gaj,
    },
  },
  {
    dept: 'gaj',
    state: 'published',
    body: {
      classification: { category: 'theme', item: '01', catalog: '001' },
      name: '公共停车场信息',
      nameEn: 'Public Car Parks',
      summary:
        '全市经备案的公共停车场（库）的名称、位置、泊位数、充电泊位数、收费标准和开放时间，供出行服务和停车诱导应用使用。',
      format: 'table',
      items: [
        str('parking_id', '停车场编号', 20, 'general1', { primaryKey: true }),
        str('parking_name', '停车场名称', 100, 'general1', { nullable: false }),
        str('district', '所在区县', 20, 'general1'),
        str('address', '地址', 200, 'general1'),
        num('total_spaces', '泊位总数', 6, 0, 'general1'),
        num('charging_spaces', '充电泊位数', 6, 0, 'general1'),
        str('fee_standard', '收费标准', 500, 'general1'),
        str('opening_hours', '开放时间', 100, 'general1'),
        num('longitude', '经度', 10, 6, 'general1'),
        num('latitude', '纬度', 9, 6, 'general1'),
      ],
      share: { type: 'unconditional', methods: ['api', 'package', 'subscription'] },
      open: { type: 'open' },
      updateCycle: 'daily',
      tags: ['停车场', '交通出行', '开放数据'],
      spatial: DEMO_REGION,
      contact: CONTACTS.gaj,
    },
  },

  // ── 市场监督管理局 ──────────────────────────────────────────────────────────────────────────────────────
  {
    dept: 'scjg',
    state: 'published',
    body: {
      classification: { category: 'basic', item: '02', catalog: '001' },
      name: '企业登记信息',
      nameEn: 'Enterprise Registrations',
      summary:
        '在本市登记的企业和农民专业合作社的登记事项：统一社会信用代码、名称、类型、法定代表人、注册地址、注册资本、成立日期、登记状态和经营范围。新设立登记当日推送，企业开办时税务、社保等部门直接使用，无需企业再提交营业执照。',
      format: 'table',
      items: [
        uscc('uscc', '统一社会信用代码', { code: 'tyshxydm', primaryKey: true }),
        str('company_name', '企业名称', 200, 'general1', { code: 'qymc', nullable: false }),
        str('company_type', '企业类型', 100, 'general1', { code: 'qylx', nullable: false }),
        legalRep('法定代表人', { code: 'fddbr', nullable: false }),
        str('registered_address', '注册地址', 200, 'general1', { code: 'zcdz', nullable: false }),
        num('registered_capital', '注册资本（万元）', 18, 2, 'general1', { code: 'zczb' }),
        day('established_on', '成立日期', 'general1', { code: 'clrq', nullable: false }),
        str('status', '登记状态', 20, 'general1', {
          code: 'djzt',
          nullable: false,
          description: '存续 / 在业 / 注销 / 吊销',
        }),
        str('business_scope', '经营范围', 4000, 'general1', { code: 'jyfw' }),
        str('authority', '登记机关', 100, 'general1'),
      ],
      share: { type: 'unconditional', methods: ['api', 'package', 'subscription', 'verification'] },
      open: {
        type: 'closed',
        reason: {
          kind: 'other',
          text: '面向社会公开的内容已通过“企业登记公示信息”开放，本资源用于政务部门间共享',
        },
      },
      updateCycle: 'realtime',
      tags: ['企业', '市场主体', '企业开办', '登记'],
      spatial: DEMO_REGION,
      contact: CONTACTS.scjg,
    },
  },
  {
    dept: 'scjg',
    state: 'published',
    body: {
      classification: { category: 'basic', item: '02', catalog: '002' },
      name: '企业登记公示信息',
      nameEn: 'Public Enterprise Registration Information',
      summary:
        '依据《企业信息公示暂行条例》向社会公示的企业登记信息：统一社会信用代码、企业名称、类型、法定代表人、住所、成立日期、核准日期和登记状态。',
      format: 'table',
      items: [
        uscc('uscc', '统一社会信用代码', { primaryKey: true }),
        str('company_name', '企业名称', 200, 'general1', { nullable: false }),
        str('company_type', '企业类型', 100, 'general1'),
        legalRep(),
        str('domicile', '住所', 200, 'general1'),
        day('established_on', '成立日期', 'general1'),
        day('approved_on', '核准日期', 'general1'),
        str('status', '登记状态', 20, 'general1'),
        str('authority', '登记机关', 100, 'general1'),
      ],
      share: { type: 'unconditional', methods: ['api', 'package'] },
      open: { type: 'open' },
      updateCycle: 'daily',
      tags: ['企业', '公示', '市场主体', '开放数据'],
      spatial: DEMO_REGION,
      contact: CONTACTS.scjg,
    },
  },
  {
    dept: 'scjg',
    state: 'published',
    body: {
      classification: { category: 'basic', item: '05', catalog: '001' },
      name: '电子营业执照',
      nameEn: 'Electronic Business Licences',
      summary:
        '按 GB/T 36904 标识的电子营业执照信息，可扫码或通过接口远程核验真伪和有效状态；执照注销或吊销后即时失效。',
      format: 'table',
      items: [
        str('licence_id', '证照标识', 64, 'general1', {
          primaryKey: true,
          description: 'GB/T 36904 电子证照标识',
        }),
        uscc(),
        str('company_name', '名称', 200, 'general1'),
        str('company_type', '类型', 100, 'general1'),
        legalRep(),
        str('domicile', '住所', 200, 'general1'),
        day('issued_on', '发照日期', 'general1'),
        day('valid_until', '营业期限至', 'general1', { description: '空值表示长期' }),
        str('licence_status', '证照状态', 10, 'general1', { description: '有效 / 注销 / 吊销' }),
        str('issuing_authority', '发证机关', 100, 'general1'),
      ],
      share: { type: 'unconditional', methods: ['verification', 'api'] },
      open: {
        type: 'closed',
        reason: {
          kind: 'policy',
          text: '电子证照仅向持照主体和经其授权的用证单位提供，社会公众通过核验页面查验',
        },
      },
      updateCycle: 'realtime',
      tags: ['营业执照', '电子证照', '证照核验'],
      spatial: DEMO_REGION,
      contact: CONTACTS.scjg,
    },
  },
  {
    dept: 'scjg',
    state: 'published',
    body: {
      classification: { category: 'basic', item: '02', catalog: '003' },
      name: '个体工商户登记信息',
      nameEn: 'Individual Business Registrations',
      summary:
        '个体工商户的统一社会信用代码、字号名称、经营者、经营场所、组成形式和登记状态。经营者身份号码不予共享，需要核实身份的请使用居民身份信息核验接口。',
      format: 'table',
      items: [
        uscc('uscc', '统一社会信用代码', { primaryKey: true }),
        str('trade_name', '字号名称', 200, 'general1'),
        personName('operator_name', '经营者姓名'),
        idNumber('operator_id_number', '经营者公民身份号码', 'general3', { shareType: 'none' }),
        mobile('operator_mobile', '经营者联系电话'),
        str('premises', '经营场所', 200, 'general3', { piiKind: 'address' }),
        str('form', '组成形式', 10, 'general1', { description: '个人经营 / 家庭经营' }),
        str('business_scope', '经营范围', 2000, 'general1'),
        day('established_on', '成立日期', 'general1'),
        str('status', '登记状态', 20, 'general1'),
        str('authority', '登记机关', 100, 'general1'),
      ],
      share: {
        type: 'conditional',
        condition: '用于税务、人社、商务等部门核实个体工商户经营情况；经营者姓名、电话和经营场所默认脱敏。',
        methods: ['api', 'package', 'verification', 'sandbox'],
        basis: '《促进个体工商户发展条例》；《中华人民共和国市场主体登记管理条例》',
      },
      open: {
        type: 'closed',
        reason: { kind: 'sensitive', text: '含经营者个人信息；依法公示的内容由国家企业信用信息公示系统公开' },
      },
      updateCycle: 'daily',
      tags: ['个体工商户', '市场主体', '登记'],
      spatial: DEMO_REGION,
      contact: CONTACTS.scjg,
    },
  },
  {
    dept: 'scjg',
    state: 'published',
    body: {
      classification: { category: 'basic', item: '04', catalog: '001' },
      name: '经营异常名录',
      nameEn: 'Abnormal Business Operations List',
      summary: '被列入经营异常名录的企业及其列入、移出情况，依法向社会公示，是企业信用监管和联合惩戒的依据。',
      format: 'table',
      items: [
        str('record_id', '记录编号', 32, 'general1', { primaryKey: true }),
        uscc(),
        str('company_name', '企业名称', 200, 'general1'),
        day('listed_on', '列入日期', 'general1'),
        str('listed_reason', '列入原因', 200, 'general1'),
        str('listed_by', '作出决定机关', 100, 'general1'),
        day('removed_on', '移出日期', 'general1'),
        str('removed_reason', '移出原因', 200, 'general1'),
      ],
      share: { type: 'unconditional', methods: ['api', 'package', 'subscription'] },
      open: { type: 'open' },
      updateCycle: 'daily',
      tags: ['信用', '经营异常', '企业', '信用监管', '开放数据'],
      spatial: DEMO_REGION,
      contact: CONTACTS.scjg,
    },
  },
  {
    dept: 'scjg',
    state: 'submitted',
    body: {
      classification: { category: 'theme', item: '04', catalog: '001' },
      name: '食品经营许可证信息',
      nameEn: 'Food Business Licences',
      summary:
        '食品经营许可证的许可证编号、经营者名称、统一社会信用代码、经营场所、主体业态、经营项目和有效期。',
      format: 'table',
      items: [
        str('licence_no', '许可证编号', 16, 'general1', { primaryKey: true }),
        str('operator_name', '经营者名称', 200, 'general1'),
        uscc(),
        legalRep('法定代表人（负责人）'),
        str('premises', '经营场所', 200, 'general1'),
        str('business_type', '主体业态', 50, 'general1'),
        str('business_items', '经营项目', 500, 'general1'),
        day('issued_on', '发证日期', 'general1'),
        day('valid_until', '有效期至', 'general1'),
        str('issuing_authority', '发证机关', 100, 'general1'),
      ],
      share: { type: 'unconditional', methods: ['api', 'package'] },
      open: { type: 'open' },
      updateCycle: 'daily',
      tags: ['食品安全', '行政许可', '开放数据'],
      spatial: DEMO_REGION,
      contact: CONTACTS.scjg,
    },
  },

  // ── 人力资源和社会保障局 ───────────────────────────────────────────────────────────────────────────────
  {
    dept: 'rsj',
    state: 'published',
    body: {
      classification: { category: 'theme', item: '03', catalog: '001' },
      name: '社保参保缴费信息',
      nameEn: 'Social Insurance Contributions',
      // Says 社保 and never the full form: a query for 社会保险 finds it through the synonym only.
      summary:
        '本市职工参加基本养老、基本医疗和失业保险的参保登记与月度缴费记录（每人每险种每月一条），含缴费基数、单位和个人缴费金额及参保单位，社保经办机构按月更新。',
      format: 'table',
      items: [
        idNumber('id_number', '公民身份号码', 'general3', { code: 'sfzh', primaryKey: true }),
        str('insurance_type', '险种', 20, 'general1', {
          code: 'xz',
          primaryKey: true,
          description: '基本养老 / 基本医疗 / 失业',
        }),
        str('pay_month', '缴费年月', 6, 'general1', {
          code: 'jfny',
          primaryKey: true,
          description: 'YYYYMM',
        }),
        num('contribution_base', '缴费基数（元）', 12, 2, 'general3', { code: 'jfjs', nullable: false }),
        num('employer_amount', '单位缴费（元）', 12, 2, 'general3', { code: 'dwjf', nullable: false }),
        num('personal_amount', '个人缴费（元）', 12, 2, 'general3', { code: 'grjf', nullable: false }),
        str('employer_name', '单位名称', 200, 'general1', { code: 'dwmc', nullable: false }),
        uscc('employer_uscc', '单位统一社会信用代码', { code: 'tyshxydm', nullable: false }),
      ],
      share: {
        type: 'conditional',
        condition:
          '用于社会救助家庭经济状况核对、就业补贴和人才认定中的参保核验；缴费基数和缴费金额原则上只提供核验结果或在沙箱内计算。',
        methods: ['api', 'package', 'verification', 'sandbox'],
        basis: '《中华人民共和国社会保险法》；《浙江省公共数据条例》',
      },
      open: { type: 'closed', reason: PERSONAL },
      updateCycle: 'monthly',
      tags: ['社保', '参保', '缴费', '人社'],
      spatial: DEMO_REGION,
      contact: CONTACTS.rsj,
    },
  },
  {
    dept: 'rsj',
    state: 'published',
    body: {
      classification: { category: 'theme', item: '02', catalog: '004' },
      // Says 医疗保险 and never the abbreviation: a query for 医保 finds it through the synonym only.
      name: '城乡居民基本医疗保险参保登记信息',
      nameEn: "Residents' Basic Medical Insurance Enrolment",
      summary:
        '城乡居民基本医疗保险的参保登记、参保类别、缴费档次、财政补助和参保状态，用于就医结算资格、困难群众参保资助和新生儿出生即参保等事项的核验。',
      format: 'table',
      items: [
        idNumber('id_number', '公民身份号码', 'general3', { primaryKey: true }),
        str('insured_year', '参保年度', 4, 'general1', { primaryKey: true }),
        personName(),
        str('insured_category', '参保类别', 20, 'general1', {
          description: '学生儿童 / 成年居民 / 老年居民',
        }),
        str('contribution_tier', '缴费档次', 10, 'general2'),
        num('personal_amount', '个人缴费金额（元）', 10, 2, 'general2'),
        num('subsidy_amount', '财政补助金额（元）', 10, 2, 'general2'),
        str('subsidised_group', '资助对象类别', 20, 'general3', {
          description: '低保对象 / 特困人员 / 重度残疾人等',
        }),
        str('insured_status', '参保状态', 10, 'general1'),
        day('insured_on', '参保日期', 'general1'),
        str('street', '所属街道', 50, 'general2'),
      ],
      share: {
        type: 'conditional',
        condition: '用于就医结算、医疗救助和参保资助对象核验，按人查询。',
        methods: ['api', 'verification', 'sandbox'],
        basis: '《中华人民共和国社会保险法》；《浙江省公共数据条例》',
      },
      open: { type: 'closed', reason: PERSONAL },
      updateCycle: 'monthly',
      tags: ['医疗保险', '城乡居民', '参保'],
      spatial: DEMO_REGION,
      contact: CONTACTS.rsj,
    },
  },
  {
    dept: 'rsj',
    state: 'published',
    body: {
      classification: { category: 'theme', item: '03', catalog: '002' },
      name: '社会保障卡信息',
      nameEn: 'Social Security Cards',
      summary: '社会保障卡的持卡人、卡号、发卡银行、发卡日期和卡状态。金融账号不予共享。',
      format: 'table',
      items: [
        str('card_no', '社会保障卡卡号', 9, 'general3', { primaryKey: true, piiKind: 'other' }),
        idNumber('id_number', '公民身份号码', 'general4', { nullable: false }),
        personName(),
        str('card_version', '卡版本', 10, 'general1', { description: '第二代 / 第三代' }),
        str('issuing_bank', '发卡银行', 50, 'general1'),
        day('issued_on', '发卡日期', 'general1'),
        day('valid_until', '有效期至', 'general1'),
        str('card_status', '卡状态', 10, 'general1', { description: '正常 / 挂失 / 注销' }),
        str('bank_account', '金融账号', 19, 'general4', {
          piiKind: 'bankCard',
          shareType: 'none',
          secret: true,
        }),
      ],
      share: {
        type: 'conditional',
        condition: '仅用于社会保障卡状态核验和待遇发放前的持卡校验，金融账号不予共享。',
        methods: ['api', 'verification'],
        basis: '《中华人民共和国社会保险法》第五十八条；《中华人民共和国个人信息保护法》',
      },
      open: { type: 'closed', reason: PERSONAL },
      updateCycle: 'daily',
      tags: ['社保卡', '社会保障卡', '持卡核验'],
      spatial: DEMO_REGION,
      contact: CONTACTS.rsj,
    },
  },
  {
    dept: 'rsj',
    state: 'published',
    body: {
      classification: { category: 'theme', item: '03', catalog: '003' },
      name: '企业社保参保人数统计',
      nameEn: 'Insured Employees per Employer',
      summary:
        '按参保单位和险种统计的月度社保参保人数，可反映企业用工规模，用于普惠金融、人才政策和就业监测。',
      format: 'table',
      items: [
        uscc('employer_uscc', '统一社会信用代码', { primaryKey: true }),
        str('stat_month', '统计年月', 6, 'general1', { primaryKey: true, description: 'YYYYMM' }),
        str('employer_name', '单位名称', 200, 'general1'),
        num('pension_insured', '养老参保人数', 8, 0, 'general2'),
        num('medical_insured', '医疗参保人数', 8, 0, 'general2'),
        num('unemployment_insured', '失业参保人数', 8, 0, 'general2'),
        num('injury_insured', '工伤参保人数', 8, 0, 'general2'),
        str('district', '参保地区', 20, 'general1'),
      ],
      share: { type: 'unconditional', methods: ['api', 'package'] },
      open: {
        type: 'conditional',
        condition:
          '向依法设立的金融机构、征信机构和科研机构开放；申请时说明用途并签订数据使用协议，不得用于营销。',
        reason: { kind: 'policy', text: '涉及企业用工规模等经营信息，依《浙江省公共数据条例》有条件开放' },
      },
      updateCycle: 'monthly',
      tags: ['社保', '参保人数', '企业用工', '普惠金融'],
      spatial: DEMO_REGION,
      contact: CONTACTS.rsj,
    },
  },
  {
    dept: 'rsj',
    state: 'published',
    body: {
      classification: { category: 'department', item: '04', catalog: '001' },
      name: '人力资源服务机构名录',
      nameEn: 'Licensed Human Resources Service Agencies',
      summary:
        '取得人力资源服务许可或已备案的经营性人力资源服务机构的名称、许可证号、服务范围、地址和联系电话。',
      format: 'table',
      items: [
        str('licence_no', '许可证编号', 30, 'general1', { primaryKey: true }),
        str('agency_name', '机构名称', 200, 'general1'),
        uscc(),
        str('district', '所在区县', 20, 'general1'),
        str('address', '机构地址', 200, 'general1'),
        str('phone', '联系电话', 20, 'general1'),
        str('service_scope', '服务范围', 500, 'general1'),
        day('licensed_on', '许可日期', 'general1'),
        day('valid_until', '有效期至', 'general1'),
      ],
      share: { type: 'unconditional', methods: ['api', 'package'] },
      open: { type: 'open' },
      updateCycle: 'monthly',
      tags: ['人力资源服务', '就业', '机构名录', '开放数据'],
      spatial: DEMO_REGION,
      contact: CONTACTS.rsj,
    },
  },

  // ── 民政局 ─────────────────────────────────────────────────────────────────────────────────────────────
  {
    dept: 'mzj',
    state: 'published',
    body: {
      classification: { category: 'basic', item: '01', catalog: '006' },
      name: '婚姻登记信息',
      nameEn: 'Marriage Registrations',
      summary:
        '结婚登记、离婚登记和补领婚姻登记证的记录，含双方身份信息、登记类型、登记日期和登记机关，用于婚姻状况核验。',
      format: 'table',
      items: [
        str('cert_no', '婚姻登记证字号', 30, 'general2', { primaryKey: true }),
        str('reg_type', '登记类型', 10, 'general2', {
          nullable: false,
          description: '结婚 / 离婚 / 补领结婚证 / 补领离婚证',
        }),
        personName('male_name', '男方姓名'),
        idNumber('male_id_number', '男方公民身份号码', 'general3', { nullable: false }),
        personName('female_name', '女方姓名'),
        idNumber('female_id_number', '女方公民身份号码', 'general3', { nullable: false }),
        day('reg_date', '登记日期', 'general2', { nullable: false }),
        str('reg_office', '登记机关', 100, 'general1'),
      ],
      share: {
        type: 'conditional',
        condition: '仅用于低保、公租房、入学、不动产登记等事项中的婚姻状况核验，原则上以核验方式提供。',
        methods: ['verification', 'api', 'sandbox'],
        basis: '《婚姻登记条例》；《中华人民共和国个人信息保护法》',
      },
      open: { type: 'closed', reason: PERSONAL },
      updateCycle: 'daily',
      tags: ['婚姻', '结婚登记', '离婚登记', '民政'],
      spatial: DEMO_REGION,
      contact: CONTACTS.mzj,
    },
  },
  {
    dept: 'mzj',
    state: 'published',
    body: {
      classification: { category: 'theme', item: '03', catalog: '004' },
      name: '最低生活保障对象信息',
      nameEn: 'Minimum Living Allowance Recipients',
      summary:
        '城乡最低生活保障家庭的认定和保障金发放情况，按月更新，用于医疗救助、教育资助和住房保障等救助对象认定。保障金发放账号不予共享。',
      format: 'table',
      items: [
        str('family_id', '保障家庭编号', 20, 'general2', { primaryKey: true }),
        idNumber('head_id_number', '户主公民身份号码', 'general3', { nullable: false }),
        personName('head_name', '户主姓名'),
        num('family_size', '家庭人口数', 3, 0, 'general2'),
        num('covered_persons', '保障人数', 3, 0, 'general2'),
        num('monthly_amount', '月保障金额（元）', 10, 2, 'general3'),
        day('approved_on', '认定日期', 'general2'),
        str('street', '所在街道', 50, 'general2'),
        str('status', '保障状态', 10, 'general2', { description: '在保 / 停保' }),
        str('payment_account', '保障金发放账号', 19, 'general4', {
          piiKind: 'bankCard',
          shareType: 'none',
          secret: true,
        }),
      ],
      share: {
        type: 'conditional',
        condition: '用于医疗救助、教育资助、住房保障等救助对象认定和补贴发放核验；发放账号不予共享。',
        methods: ['api', 'verification', 'sandbox'],
        basis: '《社会救助暂行办法》；《最低生活保障审核确认办法》',
      },
      open: { type: 'closed', reason: PERSONAL },
      updateCycle: 'monthly',
      tags: ['低保', '最低生活保障', '社会救助'],
      spatial: DEMO_REGION,
      contact: CONTACTS.mzj,
    },
  },
  {
    dept: 'mzj',
    state: 'published',
    body: {
      classification: { category: 'theme', item: '03', catalog: '005' },
      name: '养老机构名录',
      nameEn: 'Elderly Care Institutions',
      summary: '全市已备案养老机构的名称、性质、等级、地址、床位数、服务类型和联系电话。',
      format: 'table',
      items: [
        str('org_id', '机构编号', 20, 'general1', { primaryKey: true }),
        str('org_name', '机构名称', 200, 'general1'),
        uscc(),
        str('nature', '机构性质', 10, 'general1', { description: '公办 / 公建民营 / 民办' }),
        str('rating', '机构等级', 10, 'general1'),
        str('district', '所在区县', 20, 'general1'),
        str('address', '地址', 200, 'general1'),
        num('beds', '床位数', 6, 0, 'general1'),
        str('care_types', '服务类型', 200, 'general1', { description: '自理 / 失能照护 / 认知症照护' }),
        str('phone', '联系电话', 20, 'general1'),
      ],
      share: { type: 'unconditional', methods: ['api', 'package'] },
      open: { type: 'open' },
      updateCycle: 'quarterly',
      tags: ['养老', '养老机构', '老年人', '开放数据'],
      spatial: DEMO_REGION,
      contact: CONTACTS.mzj,
    },
  },
  {
    dept: 'mzj',
    state: 'published',
    body: {
      classification: { category: 'basic', item: '02', catalog: '004' },
      name: '社会组织登记信息',
      nameEn: 'Registered Social Organisations',
      summary:
        '在本市民政部门登记的社会团体、社会服务机构（民办非企业单位）和基金会的登记信息，依法向社会公开。',
      format: 'table',
      items: [
        uscc('uscc', '统一社会信用代码', { primaryKey: true }),
        str('org_name', '社会组织名称', 200, 'general1'),
        str('org_type', '组织类型', 20, 'general1', { description: '社会团体 / 社会服务机构 / 基金会' }),
        legalRep(),
        str('domicile', '住所', 200, 'general1'),
        day('registered_on', '成立登记日期', 'general1'),
        str('supervisor', '业务主管单位', 100, 'general1'),
        num('registered_capital', '注册资金（万元）', 12, 2, 'general1'),
        str('business_scope', '业务范围', 1000, 'general1'),
        str('status', '登记状态', 20, 'general1'),
      ],
      share: { type: 'unconditional', methods: ['api', 'package'] },
      open: { type: 'open' },
      updateCycle: 'weekly',
      tags: ['社会组织', '登记', '开放数据'],
      spatial: DEMO_REGION,
      contact: CONTACTS.mzj,
    },
  },
  {
    dept: 'mzj',
    state: 'submitted',
    body: {
      classification: { category: 'basic', item: '01', catalog: '008' },
      name: '殡葬火化信息',
      nameEn: 'Cremation Records',
      summary:
        '殡仪馆办理的遗体火化记录，含逝者身份信息、死亡日期和火化日期，用于养老金停发、户口注销和救助停保核验。',
      format: 'table',
      items: [
        str('record_no', '火化证明编号', 20, 'general1', { primaryKey: true }),
        idNumber('deceased_id_number', '逝者公民身份号码', 'general3', { nullable: false }),
        personName('deceased_name', '逝者姓名'),
        str('gender', '性别', 2, 'general1'),
        day('death_date', '死亡日期', 'general2'),
        day('cremated_on', '火化日期', 'general2'),
        str('funeral_home', '殡仪馆名称', 100, 'general1'),
        personName('agent_name', '经办人姓名'),
        mobile('agent_mobile', '经办人联系电话'),
      ],
      share: {
        type: 'conditional',
        condition: '用于养老金停发、户口注销和社会救助停保的死亡核验。',
        methods: ['subscription', 'verification', 'api'],
        basis: '《殡葬管理条例》；《浙江省公共数据条例》',
      },
      open: { type: 'closed', reason: PERSONAL },
      updateCycle: 'daily',
      tags: ['殡葬', '火化', '死亡核验'],
      spatial: DEMO_REGION,
      contact: CONTACTS.mzj,
    },
  },

  // ── 卫生健康委员会 ─────────────────────────────────────────────────────────────────────────────────────
  {
    dept: 'wjw',
    state: 'published',
    body: {
      classification: { category: 'theme', item: '02', catalog: '001' },
      name: '医疗机构名录',
      nameEn: 'Medical Institutions',
      summary:
        '全市取得医疗机构执业许可证的医院、社区卫生服务中心、门诊部和诊所的名称、类别、等级、地址、诊疗科目和是否医保定点。',
      format: 'table',
      items: [
        str('licence_no', '登记号', 30, 'general1', { primaryKey: true }),
        str('org_name', '机构名称', 200, 'general1'),
        uscc(),
        str('category', '机构类别', 30, 'general1', {
          description: '综合医院 / 中医医院 / 专科医院 / 社区卫生服务中心等',
        }),
        str('grade', '医院等级', 10, 'general1', { description: '三级甲等等' }),
        str('ownership', '经营性质', 10, 'general1', { description: '非营利性 / 营利性' }),
        str('district', '所在区县', 20, 'general1'),
        str('address', '地址', 200, 'general1'),
        str('phone', '联系电话', 20, 'general1'),
        num('beds', '核定床位数', 6, 0, 'general1'),
        str('departments', '诊疗科目', 1000, 'general1'),
        flag('designated', '医保定点机构', 'general1'),
        day('valid_until', '执业许可有效期至', 'general1'),
      ],
      share: { type: 'unconditional', methods: ['api', 'package', 'subscription'] },
      open: { type: 'open' },
      updateCycle: 'monthly',
      tags: ['医疗机构', '医院', '卫生健康', '开放数据'],
      spatial: DEMO_REGION,
      contact: CONTACTS.wjw,
    },
  },
  {
    dept: 'wjw',
    state: 'published',
    body: {
      classification: { category: 'basic', item: '01', catalog: '005' },
      name: '出生医学证明信息',
      nameEn: 'Medical Birth Certificates',
      summary:
        '本市助产机构签发的出生医学证明，含新生儿、母亲和父亲的身份信息、出生时间、出生地点和签发机构，用于出生登记、出生即参保和预防接种建档。',
      format: 'table',
      items: [
        str('cert_no', '出生医学证明编号', 10, 'general2', { primaryKey: true }),
        personName('baby_name', '新生儿姓名'),
        str('gender', '性别', 2, 'general1'),
        time('birth_time', '出生时间', 'general2', { piiKind: 'birthDate', nullable: false }),
        str('birth_place', '出生地点', 200, 'general2'),
        num('birth_weight', '出生体重（克）', 5, 0, 'general2'),
        personName('mother_name', '母亲姓名'),
        idNumber('mother_id_number', '母亲公民身份号码'),
        personName('father_name', '父亲姓名'),
        idNumber('father_id_number', '父亲公民身份号码'),
        str('issuing_org', '签发机构', 100, 'general1'),
        day('issued_on', '签发日期', 'general1'),
      ],
      share: {
        type: 'conditional',
        condition: '用于出生登记、出生即参保和预防接种建档等“出生一件事”联办事项。',
        methods: ['api', 'verification', 'subscription'],
        basis: '《中华人民共和国母婴保健法》；《浙江省公共数据条例》',
      },
      open: { type: 'closed', reason: MINORS },
      updateCycle: 'daily',
      tags: ['出生', '出生医学证明', '妇幼'],
      spatial: DEMO_REGION,
      contact: CONTACTS.wjw,
    },
  },
  {
    dept: 'wjw',
    state: 'published',
    body: {
      classification: { category: 'theme', item: '02', catalog: '002' },
      name: '预防接种门诊名录',
      nameEn: 'Vaccination Clinics',
      summary: '全市预防接种门诊（含成人和狂犬病暴露处置门诊）的名称、地址、服务时间、可接种疫苗和咨询电话。',
      format: 'table',
      items: [
        str('clinic_id', '门诊编号', 20, 'general1', { primaryKey: true }),
        str('clinic_name', '门诊名称', 200, 'general1'),
        str('host_org', '所属医疗机构', 200, 'general1'),
        str('clinic_type', '门诊类型', 20, 'general1', { description: '儿童 / 成人 / 狂犬病暴露处置' }),
        str('district', '所在区县', 20, 'general1'),
        str('address', '地址', 200, 'general1'),
        str('service_hours', '服务时间', 200, 'general1'),
        str('vaccines', '可接种疫苗', 500, 'general1'),
        str('phone', '咨询电话', 20, 'general1'),
      ],
      share: { type: 'unconditional', methods: ['api', 'package'] },
      open: { type: 'open' },
      updateCycle: 'monthly',
      tags: ['预防接种', '疫苗', '开放数据'],
      spatial: DEMO_REGION,
      contact: CONTACTS.wjw,
    },
  },
  {
    dept: 'wjw',
    state: 'published',
    body: {
      classification: { category: 'theme', item: '02', catalog: '003' },
      name: '居民电子病历摘要',
      nameEn: 'Electronic Medical Record Summaries',
      summary:
        '医疗机构诊疗形成的门诊和住院病历摘要（诊断、手术、用药），仅在医疗机构之间按诊疗需要调阅，不向其他部门共享。',
      format: 'table',
      items: [
        str('record_id', '病历号', 40, 'general2', { primaryKey: true }),
        idNumber('id_number', '公民身份号码', 'general4'),
        personName('patient_name', '患者姓名'),
        str('visit_type', '就诊类型', 10, 'general1', { description: '门诊 / 急诊 / 住院' }),
        day('visit_date', '就诊日期', 'general3'),
        str('org_name', '就诊机构', 200, 'general2'),
        str('diagnosis', '诊断', 500, 'important', { secret: true }),
        str('procedures', '手术操作', 500, 'important'),
        str('medication', '用药', 1000, 'general4'),
      ],
      share: {
        type: 'none',
        methods: ['sandbox'],
        basis: '《医疗机构病历管理规定》；《中华人民共和国个人信息保护法》第二十八条',
      },
      open: { type: 'closed', reason: { kind: 'law', text: '病历属于敏感个人信息，依法仅用于诊疗' } },
      updateCycle: 'daily',
      tags: ['病历', '健康档案', '卫生健康'],
      spatial: DEMO_REGION,
      contact: CONTACTS.wjw,
    },
  },

  // ── 教育局 ─────────────────────────────────────────────────────────────────────────────────────────────
  {
    dept: 'jyj',
    state: 'published',
    body: {
      classification: { category: 'basic', item: '01', catalog: '007' },
      name: '中小学生学籍信息',
      nameEn: 'Primary and Secondary School Student Registers',
      summary:
        '全市中小学在籍学生的学籍信息：全国学籍号、身份信息、就读学校、年级、入学日期、学籍状态、户籍所在地和监护人，用于转学、资助、升学和入学资格审核。',
      format: 'table',
      items: [
        str('student_no', '全国学籍号', 19, 'general3', { primaryKey: true, piiKind: 'other' }),
        idNumber(),
        personName(),
        str('gender', '性别', 2, 'general1'),
        day('birth_date', '出生日期', 'general2', { piiKind: 'birthDate' }),
        str('school_code', '学校标识码', 10, 'general1'),
        str('school_name', '学校名称', 200, 'general1'),
        str('grade', '年级', 10, 'general1'),
        str('class_name', '班级', 20, 'general2'),
        day('enrolled_on', '入学日期', 'general2'),
        str('status', '学籍状态', 10, 'general2', { description: '在籍 / 休学 / 转出 / 毕业' }),
        str('household_region', '户籍所在地', 200, 'general3', { piiKind: 'address' }),
        personName('guardian_name', '监护人姓名'),
        mobile('guardian_mobile', '监护人手机号码'),
      ],
      share: {
        type: 'conditional',
        condition: '用于入学资格审核、学生资助和转学办理中的学籍核验，按人查询。',
        methods: ['api', 'verification', 'sandbox'],
        basis: '《中小学生学籍管理办法》；《中华人民共和国未成年人保护法》',
      },
      open: { type: 'closed', reason: MINORS },
      updateCycle: 'weekly',
      tags: ['学籍', '中小学', '教育'],
      spatial: DEMO_REGION,
      contact: CONTACTS.jyj,
    },
  },
  {
    dept: 'jyj',
    state: 'published',
    body: {
      classification: { category: 'theme', item: '01', catalog: '002' },
      name: '中小学校名录',
      nameEn: 'Schools',
      summary:
        '全市幼儿园、小学、初中、九年一贯制学校和高中的名称、标识码、办学类型、举办者类型、地址、联系电话和规模。',
      format: 'table',
      items: [
        str('school_code', '学校标识码', 10, 'general1', { primaryKey: true }),
        str('school_name', '学校名称', 200, 'general1'),
        str('school_type', '办学类型', 20, 'general1'),
        str('sponsor_type', '举办者类型', 10, 'general1', { description: '公办 / 民办' }),
        str('district', '所在区县', 20, 'general1'),
        str('address', '学校地址', 200, 'general1'),
        str('phone', '联系电话', 20, 'general1'),
        num('classes', '班级数', 4, 0, 'general1'),
        num('students', '学生人数', 6, 0, 'general1'),
      ],
      share: { type: 'unconditional', methods: ['api', 'package'] },
      open: { type: 'open' },
      updateCycle: 'yearly',
      tags: ['学校名录', '中小学', '教育', '开放数据'],
      spatial: DEMO_REGION,
      contact: CONTACTS.jyj,
    },
  },
  {
    dept: 'jyj',
    state: 'published',
    body: {
      classification: { category: 'theme', item: '01', catalog: '003' },
      name: '学区划分信息',
      nameEn: 'School Catchment Areas',
      summary: '各区公办小学和初中的施教区（学区）范围，按招生年度发布，供家长查询和入学资格审核使用。',
      format: 'table',
      items: [
        str('record_id', '编号', 20, 'general1', { primaryKey: true }),
        str('year', '招生年度', 4, 'general1'),
        str('district', '所在区县', 20, 'general1'),
        str('school_code', '学校标识码', 10, 'general1'),
        str('school_name', '学校名称', 200, 'general1'),
        str('stage', '学段', 10, 'general1', { description: '小学 / 初中' }),
        str('zone_scope', '施教区范围', 2000, 'general1'),
        day('published_on', '发布日期', 'general1'),
      ],
      share: { type: 'unconditional', methods: ['api', 'package'] },
      open: { type: 'open' },
      updateCycle: 'yearly',
      tags: ['学区', '施教区', '入学', '开放数据'],
      spatial: DEMO_REGION,
      contact: CONTACTS.jyj,
    },
  },
  {
    dept: 'jyj',
    state: 'published',
    body: {
      classification: { category: 'theme', item: '03', catalog: '006' },
      name: '家庭经济困难学生资助信息',
      nameEn: 'Student Financial Aid',
      summary:
        '学前教育至高中阶段家庭经济困难学生的认定等级和资助发放情况，与低保、特困等救助对象信息比对后认定。',
      format: 'table',
      items: [
        str('record_id', '资助记录编号', 32, 'general1', { primaryKey: true }),
        str('student_no', '全国学籍号', 19, 'general3', { piiKind: 'other' }),
        idNumber(),
        personName(),
        str('school_name', '学校名称', 200, 'general1'),
        str('difficulty_level', '困难等级', 10, 'general3', { description: '特别困难 / 困难 / 一般困难' }),
        str('aid_type', '资助项目', 50, 'general2'),
        num('amount', '资助金额（元）', 10, 2, 'general3'),
        str('school_year', '学年', 9, 'general1'),
        day('paid_on', '发放日期', 'general2'),
      ],
      share: {
        type: 'conditional',
        condition: '用于社会救助和医疗救助部门核对受助情况，避免重复资助。',
        methods: ['api', 'verification', 'sandbox'],
        basis: '《学生资助资金管理办法》；《中华人民共和国个人信息保护法》',
      },
      open: { type: 'closed', reason: MINORS },
      updateCycle: 'halfyearly',
      tags: ['学生资助', '教育', '社会救助'],
      spatial: DEMO_REGION,
      contact: CONTACTS.jyj,
    },
  },
  {
    dept: 'jyj',
    state: 'draft',
    body: {
      classification: { category: 'theme', item: '01', catalog: '004' },
      name: '义务教育入学报名信息',
      nameEn: 'Compulsory Education Admission Applications',
      summary:
        '义务教育阶段新生入学报名信息：适龄儿童和监护人身份、户口和房产情况、报名学校和审核结果，用于入学资格审核。',
      format: 'table',
      items: [
        str('apply_no', '报名编号', 20, 'general1', { primaryKey: true }),
        idNumber('child_id_number', '儿童公民身份号码'),
        personName('child_name', '儿童姓名'),
        idNumber('guardian_id_number', '监护人公民身份号码'),
        personName('guardian_name', '监护人姓名'),
        mobile('guardian_mobile', '监护人手机号码'),
        str('household_address', '户口所在地址', 200, 'general3', { piiKind: 'address' }),
        str('property_cert_no', '不动产权证号', 50, 'general3'),
        str('school_name', '报名学校', 200, 'general1'),
        str('review_result', '审核结果', 20, 'general2'),
        day('applied_on', '报名日期', 'general1'),
      ],
      share: {
        type: 'conditional',
        condition: '用于公安、自然资源部门回填入学资格核验结果。',
        methods: ['api', 'verification', 'sandbox'],
        basis: '《中华人民共和国义务教育法》；《中华人民共和国未成年人保护法》',
      },
      open: { type: 'closed', reason: MINORS },
      updateCycle: 'yearly',
      tags: ['入学', '报名', '义务教育'],
      spatial: DEMO_REGION,
      contact: CONTACTS.jyj,
    },
  },

  // ── 规划和自然资源局 ───────────────────────────────────────────────────────────────────────────────────
  {
    dept: 'zrzy',
    state: 'published',
    body: {
      classification: { category: 'basic', item: '03', catalog: '001' },
      name: '不动产登记信息',
      nameEn: 'Real Estate Registrations',
      summary:
        '不动产权利人、坐落、面积、用途、登记日期和权属状态（现势、抵押、查封、异议），住宅标注所属学区。用于低保资产核查、入学资格审核和公积金提取，原则上以核验方式提供。',
      format: 'table',
      items: [
        str('cert_no', '不动产权证号', 50, 'general2', { code: 'bdcqzh', primaryKey: true }),
        idNumber('owner_id_number', '权利人证件号码', 'general4', { code: 'sfzh', nullable: false }),
        personName('owner_name', '权利人姓名'),
        str('location', '坐落', 200, 'general3', { code: 'zl', nullable: false, piiKind: 'address' }),
        num('area', '建筑面积（平方米）', 10, 2, 'general2', { code: 'mj', nullable: false }),
        str('usage', '用途', 10, 'general1', {
          code: 'yt',
          nullable: false,
          description: '住宅 / 车位 / 商业 / 办公 / 工业',
        }),
        day('registered_on', '登记日期', 'general2', { code: 'djrq', nullable: false }),
        str('ownership_status', '权属状态', 10, 'general3', {
          code: 'qszt',
          nullable: false,
          description: '现势 / 抵押 / 查封 / 异议',
        }),
        str('school_zone', '学区', 50, 'general1', { code: 'xq', description: '仅住宅' }),
      ],
      share: {
        type: 'conditional',
        condition:
          '用于社会救助资产核查、入学资格审核、住房保障和公积金提取中的有房无房核验；原则上只提供核验结果，确需明细的须经本局审核。',
        methods: ['verification', 'api', 'sandbox'],
        basis: '《不动产登记暂行条例》；《不动产登记资料查询暂行办法》',
      },
      open: { type: 'closed', reason: PERSONAL },
      updateCycle: 'daily',
      tags: ['不动产', '房产', '产权登记', '学区'],
      spatial: DEMO_REGION,
      contact: CONTACTS.zrzy,
    },
  },
  {
    dept: 'zrzy',
    state: 'published',
    body: {
      classification: { category: 'basic', item: '03', catalog: '002' },
      name: '不动产权属核验接口',
      nameEn: 'Property Ownership Verification API',
      summary:
        '输入权利人公民身份号码和姓名，返回其名下是否有登记在册的住宅及套数，不返回坐落、面积等明细（可用不可见）。',
      format: 'api',
      items: [
        idNumber('id_number', '公民身份号码', 'general4', { nullable: false, description: '请求参数' }),
        personName('name', '姓名', 'general3', { nullable: false, description: '请求参数' }),
        flag('has_housing', '是否有住宅', 'general2'),
        num('housing_count', '住宅套数', 3, 0, 'general3'),
        time('checked_at', '核验时间', 'general1'),
      ],
      share: {
        type: 'conditional',
        condition: '仅限低保、入学、住房保障等事项的有房无房核验，须有申请人授权或法定依据。',
        methods: ['verification'],
        basis: '《不动产登记资料查询暂行办法》；《社会救助暂行办法》',
      },
      open: { type: 'closed', reason: PERSONAL },
      updateCycle: 'realtime',
      tags: ['不动产', '有房无房', '核验'],
      spatial: DEMO_REGION,
      contact: CONTACTS.zrzy,
    },
  },
  {
    dept: 'zrzy',
    state: 'published',
    body: {
      classification: { category: 'basic', item: '03', catalog: '003' },
      name: '国有建设用地使用权出让结果',
      nameEn: 'State-owned Construction Land Sales',
      summary:
        '国有建设用地使用权招标、拍卖、挂牌出让的成交结果：地块编号、坐落、用途、面积、容积率、成交价和竞得单位。',
      format: 'table',
      items: [
        str('parcel_no', '地块编号', 30, 'general1', { primaryKey: true }),
        str('parcel_name', '地块名称', 200, 'general1'),
        str('location', '坐落', 200, 'general1'),
        str('land_use', '土地用途', 50, 'general1'),
        num('area', '出让面积（平方米）', 12, 2, 'general1'),
        num('plot_ratio', '容积率', 5, 2, 'general1'),
        str('sale_method', '出让方式', 10, 'general1', { description: '招标 / 拍卖 / 挂牌' }),
        num('price', '成交价（万元）', 14, 2, 'general1'),
        str('winner', '竞得单位', 200, 'general1'),
        day('deal_date', '成交日期', 'general1'),
      ],
      share: { type: 'unconditional', methods: ['api', 'package'] },
      open: { type: 'open' },
      updateCycle: 'monthly',
      tags: ['土地出让', '土地供应', '自然资源', '开放数据'],
      spatial: DEMO_REGION,
      contact: CONTACTS.zrzy,
    },
  },
  {
    dept: 'zrzy',
    state: 'published',
    body: {
      classification: { category: 'basic', item: '03', catalog: '004' },
      name: '控制性详细规划成果',
      nameEn: 'Regulatory Detailed Plans',
      summary: '经批准的控制性详细规划图则和文本（PDF），按规划管理单元发布，供公众查阅。',
      format: 'file',
      items: [],
      share: { type: 'unconditional', methods: ['package'] },
      open: { type: 'open' },
      updateCycle: 'irregular',
      tags: ['规划', '控规', '国土空间规划', '开放数据'],
      spatial: DEMO_REGION,
      contact: CONTACTS.zrzy,
    },
  },

  // ── 税务局 ─────────────────────────────────────────────────────────────────────────────────────────────
  {
    dept: 'swj',
    state: 'published',
    body: {
      classification: { category: 'department', item: '09', catalog: '001' },
      name: '企业纳税申报缴税信息',
      nameEn: 'Corporate Tax Returns and Payments',
      summary:
        '企业纳税人按税种和所属期的申报与缴税记录（应纳税额、实缴税额和入库日期），用于信用评价、惠企政策兑现和资格审核。',
      format: 'table',
      items: [
        uscc('taxpayer_id', '纳税人识别号', { primaryKey: true }),
        str('tax_type', '税种', 20, 'general1', { primaryKey: true }),
        day('period_start', '所属期起', 'general1', { primaryKey: true }),
        day('period_end', '所属期止', 'general1'),
        str('taxpayer_name', '纳税人名称', 200, 'general1'),
        day('declared_on', '申报日期', 'general2'),
        num('tax_payable', '应纳税额（元）', 18, 2, 'general3'),
        num('tax_paid', '实缴税额（元）', 18, 2, 'general3'),
        day('paid_on', '入库日期', 'general2'),
        str('tax_office', '主管税务机关', 100, 'general1'),
      ],
      share: {
        type: 'conditional',
        condition: '经纳税人授权或在法定职责范围内用于信用评价、政策兑现和资格审核。',
        methods: ['api', 'verification', 'sandbox'],
        basis: '《中华人民共和国税收征收管理法》第八条；《浙江省公共数据条例》',
      },
      open: {
        type: 'closed',
        reason: { kind: 'law', text: '涉及纳税人商业秘密，依《中华人民共和国税收征收管理法》保密' },
      },
      updateCycle: 'monthly',
      tags: ['纳税', '税收', '企业'],
      spatial: DEMO_REGION,
      contact: CONTACTS.swj,
    },
  },
  {
    dept: 'swj',
    state: 'published',
    body: {
      classification: { category: 'department', item: '09', catalog: '002' },
      name: '个人所得税纳税记录',
      nameEn: 'Individual Income Tax Records',
      summary:
        '个人所得税的收入和纳税记录（按扣缴义务人和所属月份），用于低保等社会救助中的家庭收入核查，以核验或沙箱方式提供。',
      format: 'table',
      items: [
        idNumber('id_number', '公民身份号码', 'general4', { primaryKey: true }),
        str('period', '所属月份', 6, 'general1', { primaryKey: true, description: 'YYYYMM' }),
        str('income_item', '所得项目', 20, 'general2', { primaryKey: true }),
        personName(),
        num('income', '收入额（元）', 18, 2, 'general4', { secret: true }),
        num('tax_paid', '已缴税额（元）', 18, 2, 'general3'),
        str('withholder_name', '扣缴义务人名称', 200, 'general2'),
        uscc('withholder_id', '扣缴义务人识别号'),
      ],
      share: {
        type: 'conditional',
        condition: '仅用于最低生活保障等社会救助的家庭收入核查，须附申请人授权书。',
        methods: ['verification', 'sandbox'],
        basis: '《中华人民共和国税收征收管理法》第八条；《中华人民共和国个人所得税法》；《社会救助暂行办法》',
      },
      open: { type: 'closed', reason: PERSONAL },
      updateCycle: 'monthly',
      tags: ['纳税', '个人所得税', '收入核查'],
      spatial: DEMO_REGION,
      contact: CONTACTS.swj,
    },
  },
  {
    dept: 'swj',
    state: 'published',
    body: {
      classification: { category: 'basic', item: '04', catalog: '002' },
      name: '纳税信用等级评价结果',
      nameEn: 'Tax Credit Ratings',
      summary:
        '企业纳税人年度纳税信用等级（A、B、M、C、D）评价结果。A 级名单主动公开；其他等级向纳税人本人和经其授权的单位开放。',
      format: 'table',
      items: [
        uscc('taxpayer_id', '纳税人识别号', { primaryKey: true }),
        str('year', '评价年度', 4, 'general1', { primaryKey: true }),
        str('taxpayer_name', '纳税人名称', 200, 'general1'),
        str('credit_level', '纳税信用等级', 2, 'general2', { description: 'A / B / M / C / D' }),
        num('score', '评价得分', 5, 2, 'general2'),
        str('tax_office', '主管税务机关', 100, 'general1'),
        day('evaluated_on', '评价日期', 'general1'),
      ],
      share: { type: 'unconditional', methods: ['api', 'package', 'verification'] },
      open: {
        type: 'conditional',
        condition: '纳税人本人或经其书面授权的金融机构、招标单位可申请获取；A 级以外的等级不向社会公开查询。',
        reason: {
          kind: 'policy',
          text: '依《纳税信用管理办法》，A 级纳税人名单以外的评价结果仅向纳税人本人或经授权的单位提供',
        },
      },
      updateCycle: 'yearly',
      tags: ['纳税信用', '信用', '纳税'],
      spatial: DEMO_REGION,
      contact: CONTACTS.swj,
    },
  },
  {
    dept: 'swj',
    state: 'published',
    body: {
      classification: { category: 'basic', item: '04', catalog: '003' },
      name: '纳税信用A级纳税人名单',
      nameEn: 'Grade-A Tax Credit Taxpayers',
      summary: '税务机关按年度主动公开的纳税信用 A 级纳税人名单。',
      format: 'table',
      items: [
        uscc('taxpayer_id', '纳税人识别号', { primaryKey: true }),
        str('year', '评价年度', 4, 'general1', { primaryKey: true }),
        str('taxpayer_name', '纳税人名称', 200, 'general1'),
        str('tax_office', '主管税务机关', 100, 'general1'),
        day('published_on', '发布日期', 'general1'),
      ],
      share: { type: 'unconditional', methods: ['api', 'package'] },
      open: { type: 'open' },
      updateCycle: 'yearly',
      tags: ['纳税信用', '信用', '守信名单', '开放数据'],
      spatial: DEMO_REGION,
      contact: CONTACTS.swj,
    },
  },
  {
    dept: 'swj',
    state: 'published',
    body: {
      classification: { category: 'basic', item: '04', catalog: '004' },
      name: '欠税公告信息',
      nameEn: 'Tax Arrears Notices',
      summary:
        '依《中华人民共和国税收征收管理法》定期公告的欠税纳税人、法定代表人（负责人）、欠缴税种和欠税余额。',
      format: 'table',
      items: [
        str('notice_id', '公告编号', 30, 'general1', { primaryKey: true }),
        uscc('taxpayer_id', '纳税人识别号'),
        str('taxpayer_name', '纳税人名称', 200, 'general1'),
        legalRep('法定代表人（负责人）', { description: '依法公告的事项，明文提供' }),
        str('business_address', '生产经营地址', 200, 'general1'),
        str('tax_type', '欠缴税种', 50, 'general1'),
        num('arrears', '欠税余额（元）', 18, 2, 'general1'),
        num('new_arrears', '当期新发生欠税（元）', 18, 2, 'general1'),
        day('notice_date', '公告日期', 'general1'),
      ],
      share: { type: 'unconditional', methods: ['api', 'package'] },
      open: { type: 'open' },
      updateCycle: 'quarterly',
      tags: ['欠税', '信用', '纳税', '开放数据'],
      spatial: DEMO_REGION,
      contact: CONTACTS.swj,
    },
  },

  // ── 统计局 ─────────────────────────────────────────────────────────────────────────────────────────────
  {
    dept: 'tjj',
    state: 'published',
    body: {
      classification: { category: 'department', item: '10', catalog: '001' },
      name: '分区县人口统计年度数据',
      nameEn: 'Annual Population Statistics by District',
      summary:
        '各区、县（市）年末常住人口、户籍人口、出生人口、出生率、死亡率、自然增长率、城镇化率和60岁及以上人口占比（汇总数据，不含个人信息）。',
      format: 'table',
      items: [
        str('year', '统计年度', 4, 'general1', { primaryKey: true }),
        str('region_code', '行政区划代码', 6, 'general1', { primaryKey: true }),
        str('region_name', '区县名称', 20, 'general1'),
        num('resident_population', '常住人口（万人）', 8, 2, 'general1'),
        num('registered_population', '户籍人口（万人）', 8, 2, 'general1'),
        num('births', '出生人口（人）', 8, 0, 'general1'),
        num('birth_rate', '出生率（‰）', 6, 2, 'general1'),
        num('death_rate', '死亡率（‰）', 6, 2, 'general1'),
        num('natural_growth_rate', '自然增长率（‰）', 6, 2, 'general1'),
        num('urbanisation_rate', '城镇化率（%）', 5, 2, 'general1'),
        num('aged60_share', '60岁及以上人口占比（%）', 5, 2, 'general1'),
      ],
      share: { type: 'unconditional', methods: ['api', 'package'] },
      open: { type: 'open' },
      updateCycle: 'yearly',
      tags: ['人口', '统计', '常住人口', '开放数据'],
      spatial: DEMO_REGION,
      contact: CONTACTS.tjj,
    },
  },
  {
    dept: 'tjj',
    state: 'published',
    body: {
      classification: { category: 'department', item: '10', catalog: '002' },
      name: '杭州统计年鉴',
      nameEn: 'Hangzhou Statistical Yearbook',
      summary:
        '年度综合统计资料，涵盖国民经济、人口、就业、财政、教育、卫生等领域的主要统计数据，以 PDF 和 Excel 文件发布。',
      format: 'file',
      items: [],
      share: { type: 'unconditional', methods: ['package'] },
      open: { type: 'open' },
      updateCycle: 'yearly',
      tags: ['统计年鉴', '统计', '开放数据'],
      spatial: DEMO_REGION,
      contact: CONTACTS.tjj,
    },
  },
  {
    dept: 'tjj',
    state: 'published',
    body: {
      classification: { category: 'department', item: '10', catalog: '003' },
      name: '地区生产总值季度数据',
      nameEn: 'Quarterly Gross Regional Product',
      summary: '全市及各区、县（市）地区生产总值和三次产业增加值的季度累计数据及同比增速。',
      format: 'table',
      items: [
        str('period', '统计期', 6, 'general1', { primaryKey: true, description: '如 2026Q3' }),
        str('region_code', '行政区划代码', 6, 'general1', { primaryKey: true }),
        str('region_name', '区县名称', 20, 'general1'),
        num('gdp', '地区生产总值（亿元）', 12, 2, 'general1'),
        num('primary_industry', '第一产业增加值（亿元）', 12, 2, 'general1'),
        num('secondary_industry', '第二产业增加值（亿元）', 12, 2, 'general1'),
        num('tertiary_industry', '第三产业增加值（亿元）', 12, 2, 'general1'),
        num('growth_rate', '同比增速（%）', 6, 2, 'general1'),
      ],
      share: { type: 'unconditional', methods: ['api', 'package'] },
      open: { type: 'open' },
      updateCycle: 'quarterly',
      tags: ['经济统计', '统计', '开放数据'],
      spatial: DEMO_REGION,
      contact: CONTACTS.tjj,
    },
  },
];
