// Synonyms for catalogue search. Government data is named by whoever published it, so the same thing appears as
// an abbreviation (社保), a full form (社会保险), an older department name (国土资源) or an everyday word (驾照);
// a consumer should not have to guess which. Groups are symmetric: any member finds every other member.
//
// Rules that keep expansion from drifting:
// - a member belongs to exactly one group: shared members would chain groups together (企业 → 法人 → 法人代表 →
//   法定代表人 → every person dataset), so the schema refuses them instead of merging;
// - only true equivalents, or a term and the everyday word for it: a broader term is left out when the group
//   would also send it the other way (离婚 is not with 婚姻/结婚, or 结婚 would find divorces; 社会保障 is not with
//   社保, because 社会保障 also covers assistance that 社保 does not);
// - members have at least two characters: a one-character member would match inside almost every query.
import { z } from 'zod';
import { codePointLength, foldText, normaliseSearchText } from './tokenize.js';

/** Synonym groups as the query parser takes them: each inner list is one symmetric group. */
export type SynonymGroups = readonly (readonly string[])[];

/** The built-in groups; an operator may replace them with a list that passes synonymGroupsSchema. */
export const DEFAULT_SYNONYMS: SynonymGroups = [
  // 社会保障 (人社局, 医保局, 住房公积金中心, 民政局). Abbreviations are how departments name their resources.
  ['社保', '社会保险'],
  ['社保卡', '社会保障卡'], // the card's official name; kept apart from 社保 because 社会保障 is broader
  ['医保', '医疗保险'],
  ['养老保险', '养老金', '退休金'], // people ask for the benefit; the resource records the insurance
  ['失业保险金', '失业金'],
  ['公积金', '住房公积金'],
  ['低保', '最低生活保障'],
  ['特困人员', '特困供养人员', '五保户'], // 五保 was folded into 特困供养 in 2014; old systems keep the word
  ['残疾', '残障'],
  ['残疾证', '残疾人证'],
  ['老年人', '老人'],
  ['退役军人', '退伍军人'],
  ['农民工', '进城务工人员'],

  // 人口与户籍 (公安局, 卫健委, 民政局).
  ['户籍', '户口'],
  ['户口簿', '户口本', '居民户口簿'],
  // Users say 身份证; items are labelled 公民身份号码 (GB 11643). The longer forms are listed so that a query
  // for 身份证号码 expands as a whole instead of as 身份证 + 号码.
  ['身份证', '身份证号', '身份证号码', '居民身份证', '公民身份号码'],
  ['流动人口', '暂住人口', '外来人口'],
  ['居住证', '暂住证'], // 暂住证 was replaced by 居住证 in 2016
  ['出生登记', '出生申报', '新生儿落户', '新生儿入户'], // one 公安 business, named by applicant or by office
  // Not 出生 ↔ 新生儿: every person dataset has an item 出生日期, so 新生儿 would find them all.
  ['出生医学证明', '出生证明', '出生证'],
  ['死亡医学证明', '死亡证明', '居民死亡医学证明'],
  ['婚姻', '结婚'],
  ['计划生育', '计生'],
  ['手机号码', '手机号', '移动电话'],
  ['住址', '居住地址', '现住址'],

  // 法人与市场主体 (市场监督管理局).
  // 企业 ↔ 法人: the standard's base class is 法人单位 while departments publish 企业… resources. 公司 is the
  // everyday word. 法人代表 is its own group below, so this one does not reach person-level items.
  ['企业', '法人', '公司'],
  // The licence is what people name; the registration record is what is published.
  ['营业执照', '工商登记', '企业登记', '商事登记', '市场主体登记'],
  ['个体户', '个体工商户'],
  ['统一社会信用代码', '社会信用代码', '信用代码', 'uscc'],
  ['法定代表人', '法人代表'],
  ['注册资本', '注册资金'],
  ['年报', '年度报告'],
  ['社会组织', '民间组织'],

  // 信用 (发改委 / 信用办). 诚信 and 信用 name the same programmes (诚信建设 / 信用建设).
  ['信用', '诚信'],
  ['失信被执行人', '老赖'],
  ['黑名单', '失信名单'],
  ['红名单', '守信名单'],

  // 不动产与住房 (规划和自然资源局, 住建局). Not 房地产: that is the property market, not property rights.
  ['不动产', '房产', '房屋产权', '房屋所有权'],
  ['不动产权证书', '不动产证', '房产证', '房屋所有权证'],
  ['住房租赁', '房屋租赁', '租房'],
  ['公租房', '公共租赁住房'],
  ['保障房', '保障性住房'],

  // 税务. 税务 is included because tax resources are often named 税务… rather than 纳税….
  ['纳税', '缴税', '完税', '税务'],

  // 卫生健康.
  ['医院', '医疗机构'],
  ['预防接种', '免疫接种', '疫苗接种'],
  ['病历', '病案'],

  // 教育. 学籍 records are the register of enrolled students.
  ['学籍', '在校生', '在籍学生'],

  // 交通 (公安交警, 交通运输局).
  ['车辆', '机动车'],
  ['驾驶证', '驾照', '驾驶执照', '机动车驾驶证'],
  ['交通违法', '交通违章'],
  ['公交', '公共交通'],

  // Department short names, so that 人社 finds the resources of 人力资源和社会保障局.
  ['人社', '人力社保', '人力资源和社会保障'],
  ['卫健', '卫生健康'],
  ['市场监管', '市场监督管理'],
  ['自然资源', '国土资源'], // 国土资源局 became 自然资源局 in 2018
  ['发改', '发展改革', '发展和改革'],
  ['住建', '住房城乡建设', '住房和城乡建设'],
  ['环保', '环境保护'],
  ['安监', '安全生产监管', '安全生产监督管理'],
  ['食安', '食品安全'],

  // 统计与空间地理.
  ['gdp', '地区生产总值', '国内生产总值'],
  ['cpi', '居民消费价格指数'],
  ['经纬度', '地理坐标'],
];

/** Most groups an operator list may have. */
export const MAX_SYNONYM_GROUPS = 1000;
/** Most members in one group. */
export const MAX_GROUP_SIZE = 16;
/** Longest member, in code points after normalisation. */
export const MAX_MEMBER_LENGTH = 32;

/** The member as the query parser compares it, or null when it is not one word or phrase. */
export function normaliseMember(member: string): string | null {
  const n = normaliseSearchText(member);
  return n !== '' && n === foldText(member).trim() && !n.includes(' ') ? n : null;
}

/** An operator-supplied synonym list; the output is normalised (NFKC, lower case) and duplicate-free. */
export const synonymGroupsSchema = z
  .array(z.array(z.string().max(200)).min(2, 'a group needs at least two members').max(MAX_GROUP_SIZE))
  .max(MAX_SYNONYM_GROUPS)
  .superRefine((groups, ctx) => {
    const seen = new Map<string, number>();
    groups.forEach((group, g) => {
      group.forEach((member, m) => {
        const path = [g, m];
        const n = normaliseMember(member);
        if (n === null) {
          ctx.addIssue({
            code: 'custom',
            path,
            message: 'must be one word or phrase, without spaces or punctuation',
          });
          return;
        }
        const len = codePointLength(n);
        if (len < 2 || len > MAX_MEMBER_LENGTH) {
          ctx.addIssue({
            code: 'custom',
            path,
            message: `must be 2 to ${MAX_MEMBER_LENGTH} characters long`,
          });
          return;
        }
        const first = seen.get(n);
        if (first !== undefined) {
          const where = first === g ? 'twice in this group' : `also in group ${first}`;
          ctx.addIssue({
            code: 'custom',
            path,
            message: `"${n}" appears ${where}; a member may be in one group only`,
          });
          return;
        }
        seen.set(n, g);
      });
    });
  })
  .transform((groups): string[][] => groups.map((group) => group.map((m) => normaliseMember(m) ?? m)));

/** Member → its whole group (normalised), plus the longest member length for the matcher. */
export interface SynonymTable {
  readonly groups: ReadonlyMap<string, readonly string[]>;
  readonly maxLength: number;
}

/** Builds the lookup table; unvalidated input is tolerated: bad members are skipped, the first group wins. */
export function compileSynonyms(groups: SynonymGroups): SynonymTable {
  const table = new Map<string, readonly string[]>();
  let maxLength = 0;
  for (const group of groups) {
    const members = [...new Set(group.map(normaliseMember))].filter(
      (m): m is string => m !== null && codePointLength(m) >= 2 && !table.has(m),
    );
    if (members.length < 2) continue;
    for (const m of members) {
      table.set(m, members);
      maxLength = Math.max(maxLength, codePointLength(m));
    }
  }
  return { groups: table, maxLength };
}
