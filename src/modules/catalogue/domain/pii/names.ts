// Chinese personal names: a known surname followed by one to three given-name characters (two to four Han
// characters in all), or an ethnic-minority name joined with a middle dot (阿卜杜拉·买买提). A plain
// 2–4 character test would also accept 高中, 杭州 or 王记面馆, so the surname list and the suffix list do the
// work: a name must start with a surname and must not end like an organisation, shop or place.

/**
 * About 300 single-character surnames, most common first: the population ranking's top 200 (roughly 96 % of
 * people) and the next ~100, with the variant forms 萧 / 阎 and regional ones such as 覃, 韦, 冼, 邝. Rare
 * surnames that are also everyday word openings (区, 海, 明, 和, 南, 原, 位 …) are left out: 区县 or 海关 in a
 * column of short words would otherwise read as names.
 */
const SINGLE =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢' +
  '姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温' +
  '康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成' +
  '苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费' +
  '卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩佘池查麻苑迟邝官封谈匡鞠惠荆' +
  '乐冀郁胥班储栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻厉伊仝郜阚权强帅屠豆朴盖练廉禹井祖漆巴洪赖萧';

/** Compound surnames (复姓), checked before single ones so 欧阳 is not read as 欧 + 阳…. */
export const COMPOUND_SURNAMES: readonly string[] = [
  ...['欧阳', '司马', '诸葛', '上官', '司徒', '东方', '独孤', '南宫', '万俟', '闻人', '夏侯', '皇甫'],
  ...['尉迟', '公羊', '澹台', '公冶', '宗政', '濮阳', '淳于', '单于', '太叔', '申屠', '公孙', '仲孙'],
  ...['轩辕', '令狐', '钟离', '宇文', '长孙', '慕容', '鲜于', '闾丘', '司空', '亓官', '司寇', '端木'],
  ...['拓跋', '百里', '东郭', '呼延', '西门', '左丘', '梁丘', '第五'],
];

const SURNAMES = new Set(SINGLE);
const COMPOUND = new Set(COMPOUND_SURNAMES);

// Endings of organisations, shops, places and ethnic groups; no given name ends this way.
const NOT_A_NAME =
  /(?:公司|有限|集团|合作社|委员会|协会|银行|医院|学校|中心|超市|市场|小区|[局院厂店馆所站部处科队社厅校园族省市区县镇乡村路街号])$/;

const HAN = /^[\u3400-\u9fff]+$/;
const MINORITY = /^[\u3400-\u9fff]{1,10}[·•・．][\u3400-\u9fff]{1,10}$/;

/** True if the value starts with a known single or compound surname. */
export function hasKnownSurname(value: string): boolean {
  return COMPOUND.has(value.slice(0, 2)) || SURNAMES.has(value.charAt(0));
}

/** True for a Chinese personal name (2–4 Han characters after a surname, or a ·-joined minority name). */
export function isPersonName(value: string): boolean {
  // Registers pad two-character names to three with an ideographic space (王\u3000芳); drop the padding.
  const v = value.replace(/\s+/g, '');
  if (MINORITY.test(v)) return true;
  if (v.length < 2 || v.length > 4 || !HAN.test(v) || NOT_A_NAME.test(v)) return false;
  if (COMPOUND.has(v.slice(0, 2))) return v.length >= 3;
  return SURNAMES.has(v.charAt(0));
}
