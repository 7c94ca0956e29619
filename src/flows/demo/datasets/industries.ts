// Vocabulary for synthetic enterprises: trade names (字号), industries with a 经营范围 in the wording of current
// 浙江 business licences, shop types for 个体工商户 and products for 农民专业合作社.

const LICENSED = '（依法须经批准的项目，经相关部门批准后方可开展经营活动，具体经营项目以审批结果为准）';
const GENERAL = '（除依法须经批准的项目外，凭营业执照依法自主开展经营活动）';

/** Characters combined in pairs into trade names (字号). */
export const TRADE_NAME_CHARS =
  '华鑫恒盛博瑞远达泰和信诚宏锦润康嘉永丰利兴隆昌顺安邦致汇众合创源德佳正宇星辰云海启明智聚力腾飞凯越翔新'.split(
    '',
  );

/** An industry: the word used in company names, its 经营范围, and a relative frequency. */
export interface Industry {
  name: string;
  scope: string;
  weight: number;
}

/** Industries of limited companies registered in 杭州 (weights are rough). */
export const INDUSTRIES: readonly Industry[] = [
  {
    name: '网络科技',
    weight: 14,
    scope: `一般项目：技术服务、技术开发、技术咨询、技术交流、技术转让、技术推广；软件开发；网络技术服务；信息系统集成服务；互联网销售（除销售需要许可的商品）。${GENERAL}`,
  },
  {
    name: '信息技术',
    weight: 8,
    scope: `一般项目：信息技术咨询服务；软件开发；数据处理和存储支持服务；计算机系统服务；信息系统运行维护服务。${GENERAL}`,
  },
  {
    name: '贸易',
    weight: 12,
    scope: `一般项目：日用百货销售；五金产品批发；电子产品销售；服装服饰批发；针纺织品销售；货物进出口；技术进出口。${GENERAL}`,
  },
  {
    name: '电子商务',
    weight: 8,
    scope: `一般项目：互联网销售（除销售需要许可的商品）；供应链管理服务；日用品销售；化妆品零售；个人卫生用品销售。${GENERAL}`,
  },
  {
    name: '餐饮管理',
    weight: 6,
    scope: `许可项目：餐饮服务；食品销售。${LICENSED}一般项目：餐饮管理；食品销售（仅销售预包装食品）。${GENERAL}`,
  },
  {
    name: '建筑工程',
    weight: 5,
    scope: `许可项目：建设工程施工；建设工程设计。${LICENSED}一般项目：园林绿化工程施工；土石方工程施工；建筑材料销售。${GENERAL}`,
  },
  {
    name: '装饰工程',
    weight: 5,
    scope: `一般项目：住宅室内装饰装修；建筑装饰材料销售；家具安装和维修服务。${GENERAL}`,
  },
  {
    name: '物业管理',
    weight: 3,
    scope: `一般项目：物业管理；停车场服务；家政服务；城市绿化管理。${GENERAL}`,
  },
  {
    name: '文化传媒',
    weight: 6,
    scope: `一般项目：组织文化艺术交流活动；广告设计、代理；广告制作；会议及展览服务；影视策划。${GENERAL}`,
  },
  {
    name: '机械设备',
    weight: 4,
    scope: `一般项目：通用设备制造（不含特种设备制造）；机械设备销售；机械零件、零部件加工。${GENERAL}`,
  },
  {
    name: '服饰',
    weight: 4,
    scope: `一般项目：服装制造；服装服饰零售；面料纺织加工；针纺织品及原料销售。${GENERAL}`,
  },
  {
    name: '食品',
    weight: 3,
    scope: `许可项目：食品生产；食品销售。${LICENSED}一般项目：农副产品销售；食用农产品批发。${GENERAL}`,
  },
  {
    name: '物流',
    weight: 4,
    scope: `许可项目：道路货物运输（不含危险货物）。${LICENSED}一般项目：国内货物运输代理；普通货物仓储服务（不含危险化学品等需许可审批的项目）；装卸搬运。${GENERAL}`,
  },
  {
    name: '教育咨询',
    weight: 3,
    scope: `一般项目：教育咨询服务（不含涉许可审批的教育培训活动）；信息咨询服务（不含许可类信息咨询服务）。${GENERAL}`,
  },
  {
    name: '医疗器械',
    weight: 2,
    scope: `许可项目：第三类医疗器械经营。${LICENSED}一般项目：第一类医疗器械销售；第二类医疗器械销售。${GENERAL}`,
  },
  {
    name: '新材料科技',
    weight: 2,
    scope: `一般项目：新材料技术研发；塑料制品制造；合成材料销售。${GENERAL}`,
  },
  {
    name: '生物科技',
    weight: 2,
    scope: `一般项目：生物化工产品技术研发；化妆品批发；专用化学产品销售（不含危险化学品）。${GENERAL}`,
  },
  {
    name: '茶业',
    weight: 2,
    scope: `许可项目：茶叶制品生产。${LICENSED}一般项目：初级农产品收购；茶具销售；食用农产品零售。${GENERAL}`,
  },
  {
    name: '旅游',
    weight: 2,
    scope: `许可项目：旅游业务。${LICENSED}一般项目：旅游开发项目策划咨询；票务代理服务。${GENERAL}`,
  },
  // Half-width punctuation and quotes, as typed by some applicants, so the CSV writer's quoting is exercised.
  {
    name: '企业管理咨询',
    weight: 5,
    scope: `一般项目：企业管理咨询,市场营销策划,财务咨询;提供"互联网+"转型咨询。${GENERAL}`,
  },
];

/** 个体工商户 shop types and their 经营范围. */
export const SHOPS: readonly { name: string; scope: string }[] = [
  { name: '小吃店', scope: `许可项目：小餐饮。${LICENSED}` },
  { name: '面馆', scope: `许可项目：小餐饮。${LICENSED}` },
  {
    name: '便利店',
    scope: `许可项目：食品销售；烟草制品零售。${LICENSED}一般项目：日用百货销售。${GENERAL}`,
  },
  { name: '理发店', scope: `许可项目：理发服务。${LICENSED}一般项目：美甲服务。${GENERAL}` },
  { name: '服装店', scope: `一般项目：服装服饰零售；鞋帽零售。${GENERAL}` },
  { name: '五金店', scope: `一般项目：五金产品零售；建筑材料销售。${GENERAL}` },
  { name: '水果店', scope: `一般项目：食用农产品零售；新鲜水果零售。${GENERAL}` },
  { name: '汽车修理店', scope: `一般项目：机动车修理和维护；洗车服务。${GENERAL}` },
];

/** Products of 农民专业合作社. */
export const COOPERATIVE_PRODUCTS = ['茶叶', '果蔬', '竹笋', '蜂业', '水产养殖', '花卉苗木'];

/** 经营范围 of a 农民专业合作社 for its product. */
export function cooperativeScope(product: string): string {
  return `一般项目：组织收购、销售成员种植或养殖的${product}产品；引进新技术、新品种，开展技术培训、技术交流和信息咨询服务。${GENERAL}`;
}

/** 经营范围 of an investment partnership. */
export const PARTNERSHIP_SCOPE = `一般项目：股权投资；投资管理；资产管理（未经金融等监管部门批准，不得从事向公众融资存款、融资担保、代客理财等金融业务）。${GENERAL}`;
