import { describe, expect, it } from 'vitest';
import { normaliseIdNumber, normaliseText } from './index.js';

describe('normaliseText', () => {
  it('trims', () => expect(normaliseText('  abc \n')).toBe('abc'));
  it('maps full-width ASCII to half-width', () =>
    expect(normaliseText('ＡＢｃ１２３－（）')).toBe('ABc123-()'));
  it('maps the ideographic space to a space and trims it', () => {
    expect(normaliseText('\u3000a\u3000b\u3000')).toBe('a b');
  });
  it('leaves other characters alone', () => expect(normaliseText('北京市 ß')).toBe('北京市 ß'));
});

describe('normaliseIdNumber', () => {
  it('uppercases x', () => expect(normaliseIdNumber('11010519491231002x')).toBe('11010519491231002X'));
  it('maps full-width digits and X', () => {
    expect(normaliseIdNumber('１１０１０５１９４９１２３１００２ｘ')).toBe('11010519491231002X');
  });
  it('upgrades 15 digits to 18', () =>
    expect(normaliseIdNumber('110105491231002')).toBe('11010519491231002X'));
  it('trims before upgrading', () =>
    expect(normaliseIdNumber(' 110105491231002\u3000')).toBe('11010519491231002X'));
  it('leaves other lengths as they are', () => expect(normaliseIdNumber('1234x')).toBe('1234X'));
});
