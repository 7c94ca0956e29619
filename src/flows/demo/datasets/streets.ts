// The demo city's geography: the 13 county-level divisions of 杭州市 with a handful of real subdistrict (街道/镇),
// road and primary-school names each. The places are real so addresses read naturally; every person, company and
// property placed on them is synthetic. Kept short on purpose: with a few streets per district the emergency
// story (S5) gets about a hundred or more elderly residents per street at the default size, and small cells
// (to suppress) once it is broken down by age band or run on a smaller file.

import type { Rng } from './random.js';

const words = (s: string): readonly string[] => s.split(' ');

/** One district of 杭州市 as used by the generators. */
export interface District {
  /** GB/T 2260 code (must match listChildren('330100')). */
  code: string;
  name: string;
  /** Relative resident population (2020 census, 10k people), for placing persons. */
  population: number;
  /** Relative number of registered enterprises, for placing companies. */
  enterprises: number;
  /** Subdistricts (街道) and towns (镇), the 居住街道 values. */
  streets: readonly string[];
  /** Roads for addresses. */
  roads: readonly string[];
  /** Primary schools whose catchment (学区) residential properties fall into. */
  schools: readonly string[];
  /** The registration authority named in 不动产权证号 (the county-level cities and counties issue their own). */
  propertyAuthority: string;
}

/** The 13 districts of 杭州市 (region 330100), in GB/T 2260 order. */
export const DISTRICTS: readonly District[] = [
  {
    code: '330102',
    name: '上城区',
    population: 132,
    enterprises: 12,
    streets: words(
      '湖滨街道 清波街道 小营街道 望江街道 南星街道 紫阳街道 凯旋街道 采荷街道 四季青街道 笕桥街道 彭埠街道 九堡街道',
    ),
    roads: words('解放路 清泰街 延安南路 望江路 秋涛路 凯旋路 庆春东路 采荷路 新塘路 钱江路'),
    schools: words('天长小学 胜利小学 崇文实验学校 采荷第一小学 澎博小学'),
    propertyAuthority: '杭州市',
  },
  {
    code: '330105',
    name: '拱墅区',
    population: 118,
    enterprises: 10,
    streets: words(
      '米市巷街道 湖墅街道 小河街道 和睦街道 拱宸桥街道 大关街道 上塘街道 祥符街道 半山街道 武林街道 朝晖街道 潮鸣街道',
    ),
    roads: words('莫干山路 湖墅南路 大关路 上塘路 丽水路 登云路 环城北路 中山北路 朝晖路 石桥路'),
    schools: words('卖鱼桥小学 长青小学 安吉路实验学校 青蓝小学 大关小学'),
    propertyAuthority: '杭州市',
  },
  {
    code: '330106',
    name: '西湖区',
    population: 115,
    enterprises: 14,
    streets: words(
      '北山街道 西溪街道 灵隐街道 翠苑街道 文新街道 古荡街道 西湖街道 留下街道 转塘街道 蒋村街道 三墩镇 双浦镇',
    ),
    roads: words('文三路 文二路 天目山路 教工路 古墩路 学院路 西溪路 文一路 留和路 之江路'),
    schools: words('学军小学 求是小学 文三街小学 保俶塔实验学校 文新小学 西湖小学'),
    propertyAuthority: '杭州市',
  },
  {
    code: '330108',
    name: '滨江区',
    population: 50,
    enterprises: 11,
    streets: words('西兴街道 长河街道 浦沿街道'),
    roads: words('江南大道 滨盛路 江陵路 长河路 网商路 西兴路 聚才路 月明路'),
    schools: words('江南实验学校 闻涛小学 东冠小学 钱塘实验小学'),
    propertyAuthority: '杭州市',
  },
  {
    code: '330109',
    name: '萧山区',
    population: 201,
    enterprises: 14,
    streets: words(
      '城厢街道 北干街道 蜀山街道 新塘街道 宁围街道 新街街道 闻堰街道 所前镇 瓜沥镇 临浦镇 义桥镇',
    ),
    roads: words('人民路 市心路 金城路 萧然南路 北干山南路 建设一路 通惠路 育才路'),
    schools: words('城厢小学 高桥小学 银河实验小学 北干小学'),
    propertyAuthority: '杭州市',
  },
  {
    code: '330110',
    name: '余杭区',
    population: 123,
    enterprises: 13,
    streets: words('五常街道 仓前街道 闲林街道 余杭街道 中泰街道 良渚街道 仁和街道 瓶窑镇 径山镇 黄湖镇'),
    roads: words('文一西路 五常大道 良睦路 龙潭路 海曙路 荆长大道 舒心路 崇杭街'),
    schools: words('良渚第一小学 仓前小学 五常小学 闲林小学'),
    propertyAuthority: '杭州市',
  },
  {
    code: '330111',
    name: '富阳区',
    population: 83,
    enterprises: 5,
    streets: words('富春街道 春江街道 东洲街道 鹿山街道 银湖街道 新登镇 场口镇'),
    roads: words('江滨西大道 金桥北路 桂花路 秋月路 恩波大道 大桥路'),
    schools: words('富春第二小学 富春第七小学 东洲小学'),
    propertyAuthority: '杭州市',
  },
  {
    code: '330112',
    name: '临安区',
    population: 64,
    enterprises: 4,
    streets: words('锦城街道 锦北街道 锦南街道 玲珑街道 青山湖街道 於潜镇 昌化镇'),
    roads: words('钱王大街 衣锦街 城中街 天目路 万马路 石镜街'),
    schools: words('锦城第一小学 锦城第三小学 青山湖小学'),
    propertyAuthority: '杭州市',
  },
  {
    code: '330113',
    name: '临平区',
    population: 117,
    enterprises: 7,
    streets: words('临平街道 东湖街道 南苑街道 星桥街道 乔司街道 运河街道 崇贤街道 塘栖镇'),
    roads: words('迎宾路 世纪大道 南苑街 望梅路 藕花洲大街 临平大道'),
    schools: words('临平第一小学 东湖小学 星桥小学'),
    propertyAuthority: '杭州市',
  },
  {
    code: '330114',
    name: '钱塘区',
    population: 77,
    enterprises: 6,
    streets: words('白杨街道 下沙街道 河庄街道 义蓬街道 新湾街道 临江街道 前进街道'),
    roads: words('学林街 文泽路 海达南路 下沙路 福城路 江东大道'),
    schools: words('下沙第一小学 文海实验学校 学林小学'),
    propertyAuthority: '杭州市',
  },
  {
    code: '330122',
    name: '桐庐县',
    population: 45,
    enterprises: 2,
    streets: words('城南街道 旧县街道 桐君街道 凤川街道 富春江镇 分水镇'),
    roads: words('迎春南路 白云源路 瑶琳路 大奇山路 春江路'),
    schools: words('桐庐县实验小学 桐君小学 城南小学'),
    propertyAuthority: '桐庐县',
  },
  {
    code: '330127',
    name: '淳安县',
    population: 33,
    enterprises: 1,
    streets: words('千岛湖镇 文昌镇 石林镇 威坪镇 汾口镇'),
    roads: words('新安东路 环湖北路 千岛湖大道 梦姑路 阳光路'),
    schools: words('淳安县实验小学 千岛湖小学'),
    propertyAuthority: '淳安县',
  },
  {
    code: '330182',
    name: '建德市',
    population: 44,
    enterprises: 1,
    streets: words('新安江街道 洋溪街道 更楼街道 寿昌镇 梅城镇 乾潭镇'),
    roads: words('新安江路 严州大道 江滨中路 府前路 新安路'),
    schools: words('新安江第一小学 建德市实验小学 洋溪小学'),
    propertyAuthority: '建德市',
  },
];

/** A street address in a 杭州 district: road, number and often building, unit and flat. */
export function cityAddress(rng: Rng, d: District): string {
  const base = `${rng.pick(d.roads)}${rng.int(1, 999)}号`;
  if (rng.chance(0.4)) return base;
  return `${base}${rng.int(1, 30)}幢${rng.int(1, 4)}单元${rng.int(1, 28)}0${rng.int(1, 4)}室`;
}
