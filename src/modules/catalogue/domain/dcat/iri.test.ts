// IRIs are the one thing the Turtle writer cannot escape, so minting is checked here: base URLs, contact
// IRIs and the guard that refuses anything that would break a document.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertIri, irisFor, mailtoIri, normaliseBaseUrl, telIri } from './iri.js';

describe('normaliseBaseUrl', () => {
  it('keeps origin and path, drops trailing slashes', () => {
    expect(normaliseBaseUrl('https://data.example.gov.cn/')).toBe('https://data.example.gov.cn');
    expect(normaliseBaseUrl('https://data.example.gov.cn/portal//')).toBe(
      'https://data.example.gov.cn/portal',
    );
    expect(normaliseBaseUrl('http://127.0.0.1:8080')).toBe('http://127.0.0.1:8080');
  });
  it.each([
    'data.example.gov.cn',
    'ftp://x.cn',
    'https://x.cn/?a=1',
    'https://x.cn/#f',
    'https://u:p@x.cn',
    '',
  ])('refuses %j', (url) => expect(() => normaliseBaseUrl(url)).toThrow(RangeError));
  it('punycodes an internationalised host, so the IRI stays ASCII', () => {
    expect(normaliseBaseUrl('https://数据.中国')).toMatch(/^https:\/\/xn--/);
  });
});

describe('assertIri', () => {
  it.each([
    'https://x.cn/a b',
    'https://x.cn/<a>',
    'https://x.cn/"',
    'https://x.cn/\\',
    'https://x.cn/\n',
    'relative/path',
    '://x',
  ])('refuses %j', (iri) => expect(() => assertIri(iri)).toThrow(RangeError));
  it('accepts IRIs with non-ASCII characters, which Turtle allows', () => {
    expect(assertIri('https://x.cn/区域')).toBe('https://x.cn/区域');
  });
});

describe('irisFor', () => {
  const iris = irisFor('https://data.example.gov.cn');
  it('mints the documented IRIs', () => {
    expect(iris.catalog).toBe('https://data.example.gov.cn/api/v1/catalogue/dcat#catalog');
    expect(iris.dataset('101001-X-00001')).toBe(
      'https://data.example.gov.cn/catalogue/resources/101001-X-00001',
    );
    expect(iris.org('91330100MA2XXXXX0X')).toBe('https://data.example.gov.cn/orgs/91330100MA2XXXXX0X');
    expect(iris.region('330106')).toBe('https://data.example.gov.cn/regions/330106');
    expect(iris.dataUrl('C', 'csv')).toBe(
      'https://data.example.gov.cn/api/v1/open/resources/C/data?format=csv',
    );
  });
  it('percent-encodes a code that tries to leave its path segment', () => {
    expect(iris.dataset('../../admin?x=<1>')).toBe(
      'https://data.example.gov.cn/catalogue/resources/..%2F..%2Fadmin%3Fx%3D%3C1%3E',
    );
  });
  it('never mints an invalid IRI from any code, broken UTF-16 included', () => {
    expect(iris.dataset('a\ud800')).toBe('https://data.example.gov.cn/catalogue/resources/a%EF%BF%BD');
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (code) => void assertIri(iris.dataset(code))));
  });
});

describe('mailtoIri', () => {
  it('encodes the local part and domain', () => {
    expect(mailtoIri('data@hz.gov.cn')).toBe('mailto:data@hz.gov.cn');
    expect(mailtoIri('a b+"x"@hz.gov.cn')).toBe('mailto:a%20b%2B%22x%22@hz.gov.cn');
    expect(mailtoIri('数据@杭州.中国')).toBe(
      'mailto:%E6%95%B0%E6%8D%AE@%E6%9D%AD%E5%B7%9E.%E4%B8%AD%E5%9B%BD',
    );
  });
  it.each(['nobody', '@x.cn', 'x@'])('returns null for %j', (e) => expect(mailtoIri(e)).toBeNull());
  it('always yields a valid IRI', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (a, b) => {
        const iri = mailtoIri(`${a}@${b}`);
        if (iri !== null) assertIri(iri);
      }),
    );
  });
});

describe('telIri', () => {
  it.each([
    ['0571-87654321', 'tel:+86-57187654321'],
    ['(0571) 8765 4321', 'tel:+86-57187654321'],
    ['010-12345678', 'tel:+86-1012345678'],
    ['13800138000', 'tel:+86-13800138000'],
    ['+86 571 8765 4321', 'tel:+86-571-8765-4321'],
    ['+86-571-87654321 转 8001', 'tel:+86-571-87654321;ext=8001'],
    ['0571-87654321分机12', 'tel:+86-57187654321;ext=12'],
    ['０５７１－８７６５４３２１', 'tel:+86-57187654321'],
    ['12345', 'tel:12345;phone-context=+86'],
    ['12345 ext 6', 'tel:12345;ext=6;phone-context=+86'],
  ])('%s → %s', (phone, iri) => expect(telIri(phone)).toBe(iri));

  it.each(['工作日 9:00-17:00', 'call me', '+', '1', '8613800138000', '"><script>'])(
    'returns null for %j',
    (p) => expect(telIri(p)).toBeNull(),
  );

  it('always yields a valid IRI or null', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'0123456789 +-().转分机ext\\"<>'), maxLength: 30 }),
        (p) => {
          const iri = telIri(p);
          if (iri !== null) expect(iri).toMatch(/^tel:(\+[\d-]+|\d+)(;ext=\d+)?(;phone-context=\+86)?$/);
        },
      ),
    );
  });
});
