import { describe, expect, it } from 'vitest';
import { readHeader } from './headers.js';

const kinds = (h: string) => [...readHeader(h).kinds].sort();

describe('readHeader', () => {
  it('reads Chinese, English and pinyin-initial headers', () => {
    expect(kinds('身份证号')).toEqual(['idNumber']);
    expect(kinds('sfzh')).toEqual(['idNumber']);
    expect(kinds('ID No.')).toEqual(['idNumber']);
    expect(kinds('统一社会信用代码')).toEqual(['uscc']);
    expect(kinds('tyshxydm')).toEqual(['uscc']);
    expect(kinds('手机号码')).toEqual(['mobile']);
    expect(kinds('座机')).toEqual(['landline']);
    expect(kinds('联系电话')).toEqual(['landline', 'mobile']);
    expect(kinds('Tel')).toEqual(['landline', 'mobile']);
    expect(kinds('E-mail')).toEqual(['email']);
    expect(kinds('收款账号')).toEqual(['bankCard']);
    expect(kinds('户籍地址')).toEqual(['address']);
    expect(kinds('hphm')).toEqual(['plate']);
    expect(kinds('出生日期')).toEqual(['birthDate']);
    expect(kinds('dob')).toEqual(['birthDate']);
    expect(kinds('姓名')).toEqual(['name']);
    expect(kinds('xm')).toEqual(['name']);
  });

  it('lets an attribute of a person win over the person', () => {
    expect(kinds('联系人手机')).toEqual(['mobile']);
    expect(kinds('申请人身份证号')).toEqual(['idNumber']);
    expect(kinds('contact_email')).toEqual(['email']);
  });

  it('matches short keys only as whole tokens', () => {
    expect(kinds('xmbh')).toEqual([]);
    expect(kinds('max_value')).toEqual([]);
    expect(kinds('company_name')).toEqual([]);
    expect(kinds('col_7')).toEqual([]);
  });

  it('flags event dates and non-personal codes', () => {
    expect(readHeader('立案日期').eventDate).toBe(true);
    expect(readHeader('created_at').eventDate).toBe(true);
    expect(readHeader('出生日期').eventDate).toBe(false);
    expect(readHeader('订单号').notPersonal).toBe(true);
    expect(readHeader('order_no').notPersonal).toBe(true);
    expect(readHeader('单位名称').notPersonal).toBe(true);
    expect(readHeader('身份证号').notPersonal).toBe(false);
    expect(readHeader('field_12')).toEqual({ kinds: new Set(), eventDate: false, notPersonal: false });
  });
});
