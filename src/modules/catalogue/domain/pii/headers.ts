// What a column header says. Values decide the kind; the header only lifts confidence, breaks ties and lowers
// the share a kind needs (never to zero), and for dates it separates birth dates from event dates, which have
// the same values. Headers come in Chinese, English and pinyin initials (sfzh = 身份证号), so short pinyin and
// English keys match only whole tokens (xm must not fire inside "xmbh" or "max").
import type { PiiKind } from '../masking/index.js';

/** The hints read from a header. */
export interface HeaderHints {
  /** Kinds the header names; mobile and landline both appear for a generic 电话 / phone. */
  kinds: ReadonlySet<PiiKind>;
  /** The header names an event date (立案日期, created_at…): its dates are not birth dates. */
  eventDate: boolean;
  /** The header names something that is not personal (订单号, 流水号, 邮编, sku…). */
  notPersonal: boolean;
}

interface Rule {
  kinds: readonly PiiKind[];
  zh: readonly string[];
  /** Matched inside the compacted ASCII header (letters and digits only). */
  ascii: readonly string[];
  /** Matched only as a whole token of the ASCII header. */
  tokens: readonly string[];
}

const RULES: readonly Rule[] = [
  {
    kinds: ['idNumber'],
    zh: ['身份证', '公民身份', '身份号码', '证件号'],
    ascii: ['idcard', 'idnumber', 'idno', 'sfzh', 'zjhm', 'sfzhm'],
    tokens: ['sfz', 'ssn'],
  },
  {
    kinds: ['uscc'],
    zh: ['信用代码', '统一社会', '统一代码', '机构代码'],
    ascii: ['uscc', 'creditcode', 'tyshxydm', 'shxydm'],
    tokens: [],
  },
  {
    kinds: ['mobile'],
    zh: ['手机', '移动电话'],
    ascii: ['mobile', 'cellphone', 'sjhm'],
    tokens: ['sjh', 'cell'],
  },
  {
    kinds: ['landline'],
    zh: ['座机', '固定电话', '固话', '办公电话', '单位电话', '传真', '值班电话'],
    ascii: ['landline', 'officetel', 'gddh', 'bgdh'],
    tokens: ['fax'],
  },
  {
    kinds: ['mobile', 'landline'],
    zh: ['电话', '联系方式', '联系号码'],
    ascii: ['phone', 'telephone', 'lxdh'],
    tokens: ['tel', 'dh'],
  },
  {
    kinds: ['email'],
    zh: ['邮箱', '电子邮件', '邮件地址'],
    ascii: ['email', 'dzyx'],
    tokens: ['mail'],
  },
  {
    kinds: ['bankCard'],
    zh: ['银行卡', '卡号', '银行账号', '银行帐号', '收款账号', '开户账号', '账号', '帐号'],
    ascii: ['bankcard', 'cardno', 'accountno', 'yhkh', 'yhzh'],
    tokens: ['card', 'account'],
  },
  {
    kinds: ['address'],
    zh: ['地址', '住址', '住所', '居住地', '经营场所', '户籍地', '所在地'],
    ascii: ['address', 'addr'],
    tokens: ['dz', 'zz'],
  },
  {
    kinds: ['plate'],
    zh: ['车牌', '号牌', '牌照'],
    ascii: ['plate', 'hphm', 'cphm'],
    tokens: ['cph'],
  },
  {
    kinds: ['birthDate'],
    zh: ['出生', '生日', '诞辰'],
    ascii: ['birth', 'csrq', 'dob'],
    tokens: [],
  },
  {
    kinds: ['name'],
    zh: [
      '姓名',
      '名字',
      '联系人',
      '申请人',
      '代表人',
      '户主',
      '经办人',
      '负责人',
      '当事人',
      '患者',
      '缴款人',
      '持证人',
    ],
    ascii: ['personname', 'fullname', 'realname'],
    tokens: ['name', 'xm', 'contact'],
  },
];

const EVENT_DATE = {
  zh: [
    '立案',
    '登记',
    '办结',
    '受理',
    '成立',
    '核准',
    '发证',
    '签发',
    '有效',
    '到期',
    '截止',
    '更新',
    '创建',
    '录入',
    '变更',
    '注销',
    '办理',
    '申请日期',
    '审批',
  ],
  ascii: ['create', 'update', 'modif', 'issue', 'expir', 'valid', 'regist', 'filed', 'opened', 'closed'],
};

const NOT_PERSONAL = {
  zh: [
    '订单',
    '流水',
    '单号',
    '编号',
    '工单',
    '合同',
    '交易',
    '序号',
    '邮编',
    '邮政编码',
    '物料',
    '产品',
    '型号',
    '链接',
    '网址',
    '注册号',
    '名称',
    '单位',
    '企业',
    '机关',
    '识别代号',
  ],
  ascii: ['order', 'serial', 'txn', 'ticket', 'sku', 'zip', 'postcode', 'url', 'link', 'vin', 'company'],
  tokens: ['qq', 'no', 'code', 'id', 'org'],
};

function tokensOf(header: string): string[] {
  return header
    .toLowerCase()
    .split(/[^a-z0-9]+|(?<=[a-z])(?=\d)|(?<=\d)(?=[a-z])/)
    .filter(Boolean);
}

/** Reads the kinds, event-date and non-personal hints from a column header. */
export function readHeader(header: string): HeaderHints {
  const h = header.normalize('NFKC').trim();
  const compact = h.toLowerCase().replace(/[^a-z0-9]/g, '');
  const tokens = new Set(tokensOf(h));
  const has = (r: { zh: readonly string[]; ascii: readonly string[]; tokens?: readonly string[] }): boolean =>
    r.zh.some((w) => h.includes(w)) ||
    r.ascii.some((w) => compact.includes(w)) ||
    (r.tokens ?? []).some((t) => tokens.has(t));
  const notPersonal = has(NOT_PERSONAL);
  const kinds = new Set<PiiKind>();
  for (const rule of RULES) {
    // 联系人手机 and 申请人身份证号 name a person's attribute, not the person; company_name names no person.
    if (rule.kinds.includes('name') && (kinds.size > 0 || notPersonal)) continue;
    if (has(rule)) for (const k of rule.kinds) kinds.add(k);
  }
  return { kinds, eventDate: has(EVENT_DATE), notPersonal: kinds.size === 0 && notPersonal };
}
