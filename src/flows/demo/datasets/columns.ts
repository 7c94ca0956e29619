// Column definitions of the four demo datasets. The item codes (pinyin initials, as in many provincial
// catalogues) are the CSV headers; labels and the mandatory flag are what a steward would register in the
// catalogue, and the mandatory flag is what the deliberate "empty mandatory field" errors violate.

/** One column: item code (CSV header), Chinese label, and whether a value is required. */
export interface ColumnSpec {
  code: string;
  label: string;
  mandatory: boolean;
}

/** 人口基本信息 (公安局). */
export const PERSON_COLUMNS = [
  { code: 'sfzh', label: '公民身份号码', mandatory: true },
  { code: 'xm', label: '姓名', mandatory: true },
  { code: 'xb', label: '性别', mandatory: true },
  { code: 'csrq', label: '出生日期', mandatory: true },
  { code: 'mz', label: '民族', mandatory: true },
  { code: 'hjdz', label: '户籍地址', mandatory: true },
  { code: 'jzjd', label: '居住街道', mandatory: false },
  { code: 'sjhm', label: '手机号码', mandatory: false },
  { code: 'hyzk', label: '婚姻状况', mandatory: false },
  { code: 'swbz', label: '死亡标志', mandatory: true },
] as const satisfies readonly ColumnSpec[];

/** 企业登记信息 (市场监督管理局). */
export const ENTERPRISE_COLUMNS = [
  { code: 'tyshxydm', label: '统一社会信用代码', mandatory: true },
  { code: 'qymc', label: '企业名称', mandatory: true },
  { code: 'qylx', label: '企业类型', mandatory: true },
  { code: 'fddbr', label: '法定代表人', mandatory: true },
  { code: 'fddbrsfzh', label: '法定代表人身份证号码', mandatory: true },
  { code: 'zcdz', label: '注册地址', mandatory: true },
  { code: 'zczb', label: '注册资本（万元）', mandatory: false },
  { code: 'clrq', label: '成立日期', mandatory: true },
  { code: 'djzt', label: '登记状态', mandatory: true },
  { code: 'jyfw', label: '经营范围', mandatory: false },
] as const satisfies readonly ColumnSpec[];

/** 社保参保缴费 (人社局): one row per person, month and insurance type. */
export const SOCIAL_INSURANCE_COLUMNS = [
  { code: 'sfzh', label: '公民身份号码', mandatory: true },
  { code: 'xz', label: '险种', mandatory: true },
  { code: 'jfny', label: '缴费年月', mandatory: true },
  { code: 'jfjs', label: '缴费基数（元）', mandatory: true },
  { code: 'dwjf', label: '单位缴费（元）', mandatory: true },
  { code: 'grjf', label: '个人缴费（元）', mandatory: true },
  { code: 'dwmc', label: '单位名称', mandatory: true },
  { code: 'tyshxydm', label: '单位统一社会信用代码', mandatory: true },
] as const satisfies readonly ColumnSpec[];

/** 不动产登记 (自然资源和规划局): one row per property and owner. */
export const PROPERTY_COLUMNS = [
  { code: 'bdcqzh', label: '不动产权证号', mandatory: true },
  { code: 'sfzh', label: '权利人证件号码', mandatory: true },
  { code: 'zl', label: '坐落', mandatory: true },
  { code: 'mj', label: '建筑面积（平方米）', mandatory: true },
  { code: 'yt', label: '用途', mandatory: true },
  { code: 'djrq', label: '登记日期', mandatory: true },
  { code: 'qszt', label: '权属状态', mandatory: true },
  { code: 'xq', label: '学区', mandatory: false },
] as const satisfies readonly ColumnSpec[];

/** A row of a dataset, keyed by item code. */
export type RowOf<C extends readonly ColumnSpec[]> = Record<C[number]['code'], string>;

/** The four datasets: their file names, Chinese titles, providing department and columns. */
export const DATASETS = {
  persons: { file: 'persons.csv', title: '人口基本信息', provider: '公安局', columns: PERSON_COLUMNS },
  enterprises: {
    file: 'enterprises.csv',
    title: '企业登记信息',
    provider: '市场监督管理局',
    columns: ENTERPRISE_COLUMNS,
  },
  'social-insurance': {
    file: 'social-insurance.csv',
    title: '社保参保缴费',
    provider: '人力资源和社会保障局',
    columns: SOCIAL_INSURANCE_COLUMNS,
  },
  property: {
    file: 'property.csv',
    title: '不动产登记',
    provider: '自然资源和规划局',
    columns: PROPERTY_COLUMNS,
  },
} as const;

/** Name of one of the four datasets. */
export type DatasetName = keyof typeof DATASETS;

/** The GBK copy of the enterprise registry, for encoding detection. */
export const ENTERPRISES_GBK_FILE = 'enterprises.gbk.csv';
