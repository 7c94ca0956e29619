import { describe, expect, it } from 'vitest';
import { isAddress } from './address.js';

describe('isAddress', () => {
  it('accepts street-level addresses with or without the region', () => {
    for (const v of [
      '北京市海淀区马连洼街道289号',
      '浙江省杭州市西湖区文三路90号',
      '汪清县兴华路78号',
      '福建省莆田市城厢区上下镇黄岭村9组63号',
      '徐汇区建凤巷东环花园19幢3单元1201室',
      '文三路90号',
      '杭州市上城区解放路',
      '西湖区 文三路 90 号',
    ]) {
      expect(isAddress(v), v).toBe(true);
    }
  });

  it('rejects bare regions, including counties whose names contain 路 or 道', () => {
    for (const v of [
      '浙江省杭州市西湖区',
      '浙江省台州市路桥区',
      '黑龙江省哈尔滨市道里区',
      '宁夏回族自治区固原市泾源县',
    ]) {
      expect(isAddress(v), v).toBe(false);
    }
  });

  it('rejects certificate and document numbers that name a place', () => {
    for (const v of ['浙(2026)淳安县不动产权第0011707号', '杭政办〔2024〕12号', '西湖区第12号']) {
      expect(isAddress(v), v).toBe(false);
    }
  });

  it('rejects organisations and ordinary text', () => {
    for (const v of [
      '杭州某某科技有限公司',
      '七台河市勃利县公安局',
      '已电话联系申请人',
      '信息传输、软件和信息技术服务业',
      '3号',
      'Room 301',
    ]) {
      expect(isAddress(v), v).toBe(false);
    }
  });
});
