// An example catalogue: realistic resources of each format with Chinese names and every open type, built
// through the real schema and normalisation so they stay in step with the document type. The unit and
// conformance tests use it, and docs/dcat-export.md shows its output; nothing at run time imports it.
import {
  defaultPolicyTable,
  normaliseResource,
  resourceCode,
  resourceInputSchema,
  type ResourceDoc,
  type ResourceInput,
} from '../resource/index.js';
import type { DcatCatalogueInfo, DcatDatasetInput } from './types.js';

export const BUREAU = { name: '杭州市数据资源管理局', uscc: '11330100002482152M' };
export const AMR = { name: '杭州市市场监督管理局', uscc: '113301000024820533' };
export const STATS = { name: '杭州市统计局', uscc: '11330100002481981U' };
export const ECOLOGY = { name: '杭州市生态环境局', uscc: '11330100002482248W' };

export const INFO: DcatCatalogueInfo = {
  baseUrl: 'https://data.hangzhou.gov.cn',
  title: '杭州市公共数据开放目录',
  description: '杭州市各部门依法开放的公共数据资源目录。',
  publisher: { name: BUREAU.name, id: BUREAU.uscc },
  language: 'zh',
  modified: '2026-03-02T09:30:00+08:00',
  homepage: 'https://data.hangzhou.gov.cn/',
};

/** Normalises an input and fails loudly if the sample itself is not a valid resource. */
export function docOf(input: ResourceInput): ResourceDoc {
  const { doc, issues } = normaliseResource(resourceInputSchema.parse(input), defaultPolicyTable());
  if (issues.length > 0) throw new Error(`sample is invalid: ${JSON.stringify(issues)}`);
  return doc;
}

/** Wraps a document as an export input with a code from its classification and provider. */
export function datasetOf(
  doc: ResourceDoc,
  provider: { name: string; uscc: string },
  sequence: number,
  dates: { issued?: string; modified?: string } = {},
): DcatDatasetInput {
  const code = resourceCode(doc.classification.code, provider.uscc, sequence);
  return {
    id: `res-${sequence}`,
    code,
    doc,
    provider,
    version: 2,
    issued: dates.issued ?? '2025-06-30T02:00:00Z',
    modified: dates.modified ?? '2026-02-28T16:00:00.250Z',
  };
}

export const enterprises: ResourceInput = {
  classification: { category: 'basic', item: '02', catalog: '001' },
  name: '企业基本信息',
  nameEn: 'Basic information of registered enterprises',
  summary: '本市登记注册企业的名称、统一社会信用代码、成立日期和住所等公示信息。',
  format: 'table',
  items: [
    {
      name: 'uscc',
      label: '统一社会信用代码',
      dataType: 'string',
      length: 18,
      primaryKey: true,
      nationalLevel: 'general1',
    },
    { name: 'name', label: '企业名称', dataType: 'string', length: 200, nationalLevel: 'general1' },
    { name: 'founded', label: '成立日期', dataType: 'date', nationalLevel: 'general1' },
    { name: 'address', label: '住所', dataType: 'string', length: 300, nationalLevel: 'general1' },
    {
      name: 'internal_note',
      label: '内部备注',
      dataType: 'string',
      length: 500,
      nationalLevel: 'general2',
      secret: true,
    },
  ],
  share: { type: 'unconditional', methods: ['api', 'package', 'subscription'] },
  open: { type: 'open' },
  updateCycle: 'daily',
  tags: ['企业', '市场主体', '营商环境'],
  spatial: '330100',
  contact: { name: '市场监管局信息中心', phone: '0571-85000000', email: 'opendata@scjg.hangzhou.gov.cn' },
};

export const population: ResourceInput = {
  classification: { category: 'basic', item: '01', catalog: '003' },
  name: '各区县常住人口统计年报',
  summary: '按区、县（市）汇总的年末常住人口数及城镇化率，年度统计公报附表。',
  format: 'file',
  items: [],
  share: { type: 'unconditional', methods: ['package'] },
  open: { type: 'open' },
  updateCycle: 'yearly',
  tags: ['人口', '统计公报'],
  spatial: '330100',
  contact: { name: '统计局综合处', phone: '12345' },
};

export const airQuality: ResourceInput = {
  classification: { category: 'theme', item: '11', catalog: '002' },
  name: '空气质量实时监测数据',
  nameEn: 'Real-time air quality monitoring',
  summary: '全市国控、省控空气质量监测站点逐小时发布的 AQI、PM2.5、PM10 等监测数据。',
  format: 'api',
  items: [
    { name: 'station_id', label: '站点编号', dataType: 'string', length: 10, nationalLevel: 'general1' },
    { name: 'observed_at', label: '监测时间', dataType: 'datetime', nationalLevel: 'general1' },
    { name: 'aqi', label: '空气质量指数', dataType: 'number', length: 3, nationalLevel: 'general1' },
    { name: 'pm25', label: 'PM2.5浓度', dataType: 'number', length: 6, scale: 1, nationalLevel: 'general1' },
  ],
  share: { type: 'unconditional', methods: ['api'] },
  open: {
    type: 'conditional',
    condition: '申请方需注册并签署数据使用协议，调用频率不超过每分钟60次。',
    reason: { kind: 'policy', text: '《公共数据开放管理办法》第十二条' },
  },
  updateCycle: 'realtime',
  tags: ['空气质量', '生态环境'],
  spatial: '330106',
  contact: { name: '生态环境局监测处', phone: '+86 571 8700 1234 转 8', email: 'hb@hangzhou.gov.cn' },
};

export const busRoutes: ResourceInput = {
  classification: { category: 'department', item: '17', catalog: '005' },
  name: '公交线路及站点信息',
  summary: '市区公交线路走向、站点名称与坐标，按月更新。',
  format: 'table',
  items: [
    {
      name: 'route_id',
      label: '线路编号',
      dataType: 'string',
      length: 20,
      primaryKey: true,
      nationalLevel: 'general1',
    },
    { name: 'stop_name', label: '站点名称', dataType: 'string', length: 100, nationalLevel: 'general1' },
  ],
  share: { type: 'unconditional', methods: ['api', 'package'] },
  open: { type: 'open' },
  updateCycle: 'monthly',
  tags: ['交通', '公交'],
  contact: { name: '交通运输局', phone: '13800138000' },
};

/** A resource that is shared with departments but never opened: only the full export carries it. */
export const residents: ResourceInput = {
  classification: { category: 'basic', item: '01', catalog: '001' },
  name: '人口基本信息',
  summary: '户籍人口的基本信息',
  format: 'table',
  items: [
    {
      name: 'id_number',
      label: '身份证号',
      dataType: 'string',
      length: 18,
      primaryKey: true,
      piiKind: 'idNumber',
      nationalLevel: 'general3',
    },
    {
      name: 'name',
      label: '姓名',
      dataType: 'string',
      length: 50,
      piiKind: 'name',
      nationalLevel: 'general3',
    },
  ],
  share: {
    type: 'conditional',
    condition: '用于政务服务身份核验',
    methods: ['api', 'verification'],
    basis: '《政务数据共享条例》',
  },
  open: { type: 'closed', reason: { kind: 'sensitive', text: '涉及个人信息' } },
  updateCycle: 'daily',
  contact: { name: '张三', phone: '0571-87000000' },
};

/** The open resources the public export receives (one table, one file, one API, one department table). */
export function openDatasets(): DcatDatasetInput[] {
  return [
    datasetOf(docOf(enterprises), AMR, 1),
    datasetOf(docOf(population), STATS, 1, { issued: '2024-02-29T00:00:00+08:00' }),
    datasetOf(docOf(airQuality), ECOLOGY, 1),
    datasetOf(docOf(busRoutes), BUREAU, 3),
  ];
}

/** Everything the authenticated full export receives. */
export function allDatasets(): DcatDatasetInput[] {
  return [...openDatasets(), datasetOf(docOf(residents), BUREAU, 7)];
}
