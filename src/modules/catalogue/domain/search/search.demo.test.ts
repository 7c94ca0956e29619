// The acceptance list, run against a catalogue shaped like the demo city's (names, items and providers
// as the demo seeds them; docs/demo-data.md). The repository test repeats it on both engines with real rows.
import { describe, expect, it } from 'vitest';
import {
  indexTerms,
  parseQuery,
  rankDocuments,
  scoreDocuments,
  termsOf,
  type FieldText,
  type SearchPosting,
} from './index.js';

interface Entry {
  name: string;
  provider: string;
  code: string;
  tags: string[];
  summary: string;
  items: string[];
}

const CATALOGUE: Record<string, Entry> = {
  persons: {
    name: '人口基本信息',
    provider: '杭州市公安局',
    code: '330100-GAJ-0001',
    tags: ['人口', '户籍', '基础库'],
    summary: '全市户籍人口的基本信息，包括身份号码、姓名、出生日期、户籍地址和婚姻状况。',
    items: [
      '公民身份号码',
      '姓名',
      '性别',
      '出生日期',
      '民族',
      '户籍地址',
      '居住街道',
      '手机号码',
      '婚姻状况',
      '死亡标志',
    ],
  },
  hukouMoves: {
    name: '户口迁移记录',
    provider: '杭州市公安局',
    code: '330100-GAJ-0002',
    tags: ['迁入', '迁出'],
    summary: '户口迁入、迁出和注销的办理记录。',
    items: ['公民身份号码', '迁移类型', '迁出地', '迁入地', '办理日期'],
  },
  enterprises: {
    name: '企业登记信息',
    provider: '杭州市市场监督管理局',
    code: '330100-SCJG-0001',
    tags: ['市场主体', '法人'],
    summary: '在本市登记的企业的登记事项。',
    items: [
      '统一社会信用代码',
      '企业名称',
      '企业类型',
      '法定代表人',
      '注册地址',
      '注册资本（万元）',
      '成立日期',
      '登记状态',
    ],
  },
  licences: {
    name: '电子营业执照',
    provider: '杭州市市场监督管理局',
    code: '330100-SCJG-0002',
    tags: ['电子证照'],
    summary: '按 GB/T 36904 标识的电子营业执照，可远程核验。',
    items: ['证照标识', '统一社会信用代码', '名称', '发照日期', '证照状态'],
  },
  individuals: {
    name: '个体工商户登记信息',
    provider: '杭州市市场监督管理局',
    code: '330100-SCJG-0003',
    tags: ['市场主体'],
    summary: '个体工商户的经营者、字号和经营场所。',
    items: ['统一社会信用代码', '字号名称', '经营者姓名', '经营场所'],
  },
  socialInsurance: {
    name: '社保参保缴费',
    provider: '杭州市人力资源和社会保障局',
    code: '330100-RSJ-0001',
    tags: ['社保'],
    summary: '职工基本养老、基本医疗、失业和工伤的参保与月度缴费记录。',
    items: [
      '公民身份号码',
      '险种',
      '缴费年月',
      '缴费基数（元）',
      '单位缴费（元）',
      '个人缴费（元）',
      '单位名称',
      '单位统一社会信用代码',
    ],
  },
  medicalInsurance: {
    name: '城乡居民医疗保险参保信息',
    provider: '杭州市人力资源和社会保障局',
    code: '330100-RSJ-0002',
    tags: ['参保'],
    summary: '城乡居民基本医疗保险的参保登记。',
    items: ['公民身份号码', '参保状态', '参保日期'],
  },
  property: {
    name: '不动产登记',
    provider: '杭州市规划和自然资源局',
    code: '330100-ZRZY-0001',
    tags: ['房屋', '产权'],
    summary: '不动产权利人、坐落、面积与权属状态。',
    items: [
      '不动产权证号',
      '权利人证件号码',
      '坐落',
      '建筑面积（平方米）',
      '用途',
      '登记日期',
      '权属状态',
      '学区',
    ],
  },
  housingRecords: {
    name: '房产交易备案',
    provider: '杭州市住房保障和房产管理局',
    code: '330100-FGJ-0001',
    tags: ['住房'],
    summary: '商品房和存量房买卖合同的网签备案。',
    items: ['合同编号', '买受人证件号码', '房屋坐落', '成交价格（元）', '备案日期'],
  },
  tax: {
    name: '纳税信息',
    provider: '国家税务总局杭州市税务局',
    code: '330100-SWJ-0001',
    tags: ['税收'],
    summary: '企业和个人的申报与缴税记录。',
    items: ['纳税人识别号', '纳税人名称', '税种', '所属期', '实缴税额（元）'],
  },
  marriages: {
    name: '婚姻登记信息',
    provider: '杭州市民政局',
    code: '330100-MZJ-0001',
    tags: ['民政'],
    summary: '结婚登记、离婚登记和补领证件的记录。',
    items: ['男方公民身份号码', '女方公民身份号码', '登记类型', '登记日期', '登记机关'],
  },
  dibao: {
    name: '最低生活保障对象',
    provider: '杭州市民政局',
    code: '330100-MZJ-0002',
    tags: ['社会救助'],
    summary: '城乡最低生活保障家庭及成员，按月更新。',
    items: ['户主公民身份号码', '保障人数', '月保障金额（元）', '认定日期'],
  },
  students: {
    name: '中小学在校生名册',
    provider: '杭州市教育局',
    code: '330100-JYJ-0001',
    tags: ['教育'],
    summary: '全市中小学在校学生的就读学校与年级。',
    items: ['公民身份号码', '姓名', '学校名称', '年级', '入学日期'],
  },
  births: {
    name: '出生医学证明信息',
    provider: '杭州市卫生健康委员会',
    code: '330100-WJW-0001',
    tags: ['妇幼'],
    summary: '本市助产机构签发的出生医学证明。',
    items: ['证明编号', '新生儿姓名', '出生时间', '出生地点', '母亲公民身份号码'],
  },
  creditProfile: {
    name: '企业信用画像',
    provider: '杭州市数据资源管理局',
    code: '330100-SJJ-0001',
    tags: ['信用', '融合数据'],
    summary: '融合企业登记、纳税和社保数据形成的企业信用评价。',
    items: ['统一社会信用代码', '企业名称', '信用等级', '评价日期'],
  },
  popStats: {
    name: '分街道人口统计',
    provider: '杭州市统计局',
    code: '330100-TJJ-0001',
    tags: ['开放数据', '统计'],
    summary: '各街道常住人口和老年人口数（聚合）。',
    items: ['街道', '常住人口数', '老年人口数', '统计年度'],
  },
};

function fieldsOf(e: Entry): FieldText[] {
  return [
    { field: 'name', text: e.name },
    { field: 'provider', text: e.provider },
    { field: 'code', text: e.code },
    { field: 'summary', text: e.summary },
    ...e.tags.map((text) => ({ field: 'tag' as const, text })),
    ...e.items.map((text) => ({ field: 'item' as const, text })),
  ];
}

const INDEX: SearchPosting[] = Object.entries(CATALOGUE).flatMap(([docId, e]) =>
  indexTerms(fieldsOf(e)).map((t) => ({ docId, ...t })),
);

/** Ranked ids, as the service would return them. */
function search(q: string): string[] {
  const plan = parseQuery(q);
  const wanted = new Set(termsOf(plan));
  return rankDocuments(
    scoreDocuments(
      plan,
      INDEX.filter((p) => wanted.has(p.term)),
    ),
  ).map((r) => r.docId);
}

describe('demo catalogue search', () => {
  // top: the expected first hit(s), in any order; also: further expected hits; not: resources it must not find.
  it.each<[string, { top: string[]; also?: string[]; not?: string[] }]>([
    ['人口', { top: ['persons', 'popStats'], not: ['enterprises', 'tax', 'hukouMoves'] }],
    // socialInsurance never says 社会保险, and creditProfile only says 社保: each is found by the synonym.
    ['社保', { top: ['socialInsurance'], also: ['creditProfile'], not: ['dibao', 'medicalInsurance'] }],
    ['社会保险', { top: ['socialInsurance'], also: ['creditProfile'], not: ['dibao', 'medicalInsurance'] }],
    ['企业', { top: ['enterprises', 'creditProfile'], also: ['tax'], not: ['individuals', 'persons'] }],
    ['法人', { top: ['enterprises'], also: ['creditProfile', 'tax'], not: ['individuals'] }],
    ['不动产', { top: ['property'], also: ['housingRecords'], not: ['persons'] }],
    ['房产', { top: ['housingRecords'], also: ['property'] }],
    ['婚姻', { top: ['marriages'], also: ['persons'], not: ['births'] }],
    ['学籍', { top: ['students'], not: ['persons'] }],
    ['纳税', { top: ['tax'], also: ['creditProfile'], not: ['socialInsurance'] }],
    ['医保', { top: ['medicalInsurance'], not: ['socialInsurance', 'persons'] }],
    ['户籍', { top: ['persons'], also: ['hukouMoves'], not: ['enterprises'] }],
    ['户口', { top: ['hukouMoves'], also: ['persons'] }],
    ['信用', { top: ['creditProfile'], also: ['enterprises', 'licences', 'individuals'], not: ['persons'] }],
    ['出生', { top: ['births'], also: ['persons'], not: ['enterprises'] }],
    [
      '营业执照',
      { top: ['licences'], also: ['enterprises', 'creditProfile'], not: ['individuals', 'persons'] },
    ],
    ['低保', { top: ['dibao'], not: ['socialInsurance'] }],
    ['身份证', { top: ['marriages'], also: ['persons', 'students', 'births'], not: ['enterprises'] }],
    ['人社', { top: ['medicalInsurance', 'socialInsurance'], not: ['persons'] }],
    ['企业 纳税', { top: ['tax', 'creditProfile'], not: ['enterprises', 'persons'] }],
    ['330100-GAJ-0001', { top: ['persons'], not: ['hukouMoves'] }],
  ])('%s', (q, { top, also = [], not = [] }) => {
    const found = search(q);
    expect(new Set(found.slice(0, top.length))).toEqual(new Set(top));
    expect(found).toEqual(expect.arrayContaining(also));
    for (const id of not) expect(found).not.toContain(id);
  });

  it('finds nothing it cannot justify: every hit for 社保 says 社保 or 社会保险', () => {
    for (const id of search('社保')) {
      const text = fieldsOf(CATALOGUE[id] as Entry)
        .map((f) => f.text)
        .join(' ');
      expect(text).toMatch(/社保|社会保险/);
    }
  });
});
