// Name and attribute tables for synthetic people. faker's zh_CN surnames are uniform (上官 as common as 王), which
// makes a registry look fake at a glance, so surnames are weighted by approximate 2020-census shares; given names
// mix faker's zh_CN lists with names composed from common characters for more variety.
import { Rng, Weighted } from './random.js';

/** Common surnames with approximate shares (per mille), plus a few compound ones: `<surname><share>`. */
const SURNAMES = new Weighted(
  (
    '王71 李70 张65 刘54 陈55 杨31 黄24 赵23 吴23 周21 徐19 孙15 马15 朱15 胡15 ' +
    '郭12 何12 林11 罗10 高10 郑9 梁9 谢8 宋8 唐8 许8 韩7 冯7 邓7 曹7 彭6 曾6 肖6 ' +
    '田5 董5 袁5 潘5 于5 蒋5 蔡5 余5 杜5 叶5 程5 苏4 魏4 吕4 丁4 任4 沈5 姚4 卢4 姜4 ' +
    '崔4 钟4 谭3 陆4 汪4 范3 金4 石3 廖3 贾3 夏3 韦3 付3 方3 白3 邹3 孟3 熊3 秦3 邱3 ' +
    '江3 尹2 薛2 闫2 段2 雷2 侯2 龙2 史2 陶2 黎2 贺2 顾2 毛2 郝2 龚2 邵2 万2 钱2 严2 ' +
    '俞2 应1 楼1 戴2 莫1 孔1 汤1 章1 鲍1 欧阳0.5 司马0.1 诸葛0.05 上官0.05 '
  )
    .trim()
    .split(' ')
    .map((t) => {
      const m = /^(\D+)([\d.]+)$/.exec(t);
      return [m?.[1] ?? '', Number(m?.[2])] as const;
    }),
);

const MALE_CHARS =
  '伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆旭宁龙林阳建国志文海晨博泽轩睿然毅峰亮成东'.split('');
const FEMALE_CHARS =
  '芳娜敏静丽艳娟霞秀英慧巧美婷雪琳晶燕玲倩颖洁欣怡悦萱涵彤佳瑶梦琪雯思雨婉蕾月丹红梅兰萍'.split('');

/** A Chinese full name for a person of the given sex. */
export function personName(rng: Rng, male: boolean): string {
  const surname = SURNAMES.draw(rng);
  const r = rng.next();
  if (r < 0.5) return surname + rng.faker.person.firstName(male ? 'male' : 'female');
  const pool = male ? MALE_CHARS : FEMALE_CHARS;
  return r < 0.6 ? surname + rng.pick(pool) : surname + rng.pick(pool) + rng.pick(pool);
}

/** 民族 with shares close to 杭州市's (汉族 about 98.5%; 畲族 is 浙江's largest minority). */
export const ETHNIC_GROUPS = new Weighted<string>([
  ['汉族', 985],
  ['畲族', 3],
  ['土家族', 2.5],
  ['苗族', 2.5],
  ['回族', 1.5],
  ['满族', 1],
  ['壮族', 1],
  ['布依族', 1],
  ['侗族', 1],
  ['彝族', 0.5],
  ['蒙古族', 0.5],
]);

/** 婚姻状况 for an age and sex (legal marriage age: 22 for men, 20 for women). */
export function maritalStatus(rng: Rng, age: number, male: boolean): string {
  if (age < (male ? 22 : 20)) return '未婚';
  const r = rng.next();
  const [married, widowed, divorced] =
    age < 25
      ? [0.15, 0, 0.005]
      : age < 30
        ? [0.5, 0, 0.02]
        : age < 35
          ? [0.78, 0.002, 0.04]
          : age < 60
            ? [0.86, 0.01, 0.06]
            : age < 75
              ? [0.8, 0.14, 0.03]
              : [0.55, 0.42, 0.02];
  if (r < married) return '已婚';
  if (r < married + widowed) return '丧偶';
  if (r < married + widowed + divorced) return '离婚';
  return '未婚';
}

const MOBILE_PREFIXES = [
  '130',
  '131',
  '132',
  '133',
  '134',
  '135',
  '136',
  '137',
  '138',
  '139',
  '150',
  '151',
  '152',
  '153',
  '155',
  '156',
  '157',
  '158',
  '159',
  '173',
  '175',
  '176',
  '177',
  '178',
  '180',
  '181',
  '182',
  '183',
  '184',
  '185',
  '186',
  '187',
  '188',
  '189',
  '191',
  '193',
  '195',
  '196',
  '197',
  '198',
  '199',
];

/** An 11-digit mainland mobile number (13x/15x/17x/18x/19x blocks in use). */
export function mobileNumber(rng: Rng): string {
  return rng.pick(MOBILE_PREFIXES) + rng.chars('0123456789', 8);
}
