import { describe, expect, it } from 'vitest';
import { isEmail, isPlate } from './patterns.js';

describe('isEmail', () => {
  it('accepts ordinary addresses, mixed case and subdomains', () => {
    for (const v of [
      'duandazhi@126.com',
      'U52.KJ88@GMAIL.COM',
      'zhang_san+tag@mail.hz.gov.cn',
      '12345@qq.com',
    ]) {
      expect(isEmail(v), v).toBe(true);
    }
  });

  it('rejects handles, URLs and typos', () => {
    for (const v of [
      '@张三',
      'zhang#163.com',
      'zhang@163',
      'zhang@163,com',
      'https://www.hz.gov.cn',
      'a@b.c',
      '',
    ]) {
      expect(isEmail(v), v).toBe(false);
    }
  });
});

describe('isPlate', () => {
  it('accepts ordinary, new-energy and special plates, plain or with · or a space', () => {
    for (const v of [
      '浙A12345',
      '苏D40000',
      '京N9K7Q2',
      '粤BD12345',
      '粤BFA1234',
      '粤B12345D',
      '浙A1234学',
      '浙A·12345',
      '京A 1234警',
      '浙a12345',
    ]) {
      expect(isPlate(v), v).toBe(true);
    }
  });

  it('rejects foreign marks, wrong lengths and the letters I and O', () => {
    for (const v of [
      'ZR61YLP',
      'A12345',
      '浙A1234',
      '浙A1234567',
      '浙I12345',
      '浙AO1234',
      '沪12345',
      '粤BE12345',
    ]) {
      expect(isPlate(v), v).toBe(false);
    }
  });
});
