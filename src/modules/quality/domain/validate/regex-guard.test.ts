import { describe, expect, it } from 'vitest';
import { compileSafeRegex, REGEX_MAX_INPUT, regexProblem } from './regex-guard.js';

describe('regexProblem', () => {
  it('accepts the patterns stewards write for codes', () => {
    for (const p of [
      '[A-Z]{2}\\d{4}',
      '\\d{6}',
      '(?:京|沪)[A-Z]\\d{5}',
      '[0-9A-HJ-NPQRTUWXY]{18}',
      '(\\d{3}-){2}\\d{4}',
      '[\\u4e00-\\u9fa5]{2,10}',
      '(?<year>\\d{4})-(?<month>\\d{2})',
      '[(+*)]+', // quantifier characters inside a class are literals
      'a{2}b?c?d*',
      'x(?:ab)?y',
      '\\(+\\)+',
    ]) {
      expect(regexProblem(p), p).toBeUndefined();
    }
  });

  it('refuses nested quantifiers and repeated alternations with a clear error', () => {
    for (const p of [
      '(a+)+',
      '(a*)*',
      '(a?){20}',
      '((ab)*c)+',
      '(?:\\d+)*x',
      '(a|a)*',
      '(a|ab)+',
      '((a|a)c)+',
      '(x[a-z]+){2,}',
    ]) {
      expect(regexProblem(p), p).toMatch(/nested quantifiers/);
    }
  });

  it('refuses an unbalanced ) that would break out of the anchoring group', () => {
    expect(regexProblem('\\d+)*a(\\d')).toBe('pattern has an unbalanced )');
    expect(() => compileSafeRegex('a)|(b')).toThrow(RangeError);
    expect(() => compileSafeRegex('abc\\')).toThrow(/not a valid regular expression/);
    expect(regexProblem('a**(a+)+')).toBe('pattern has a quantifier with nothing to repeat');
  });

  it('does not read [] as a class that hides the rest (JavaScript, not PCRE)', () => {
    expect(regexProblem('[](a+)+]')).toMatch(/nested quantifiers/);
    expect(regexProblem('[^](a+)+]')).toMatch(/nested quantifiers/);
  });

  it('refuses backreferences, long patterns, too many quantifiers and stateful flags', () => {
    expect(regexProblem('(a)\\1')).toMatch(/backreferences/);
    expect(regexProblem('(?<x>a)\\k<x>')).toMatch(/backreferences/);
    expect(regexProblem('a'.repeat(201))).toMatch(/at most 200 characters/);
    expect(regexProblem('\\d*\\d*\\d*\\d*')).toMatch(/at most 3 unbounded/);
    expect(regexProblem('a?a?a?a?\\d*\\d*\\d*')).toMatch(/too many optional or variable-length parts/);
    expect(regexProblem('a?'.repeat(24))).toMatch(/too many optional/);
    expect(regexProblem('\\d{0,255}\\d{0,255}\\d{0,255}')).toMatch(/too many optional/);
    expect(regexProblem('a{1,5}b{1,5}c{1,5}d{1,5}e{0,9}')).toBeUndefined();
    for (const f of ['g', 'y', 'm', 'ii', 'x']) expect(regexProblem('a', f), f).toMatch(/flags/);
    expect(regexProblem('a', 'ius')).toBeUndefined();
  });

  it('compileSafeRegex anchors the pattern and reports syntax errors as RangeError', () => {
    const re = compileSafeRegex('a|b');
    expect(re.test('a')).toBe(true);
    expect(re.test('ab')).toBe(false);
    expect(() => compileSafeRegex('(a')).toThrow(/not a valid regular expression/);
    expect(() => compileSafeRegex('(a+)+')).toThrow(RangeError);
  });

  it('keeps the worst patterns it accepts fast on the longest tested input', () => {
    const worst = [
      '\\d*\\d*\\d*x',
      '[a-z]*[a-z]*[a-z]+0',
      'a?\\w*\\w*\\w*!',
      'a?'.repeat(23),
      '\\w{0,255}\\w*\\w*!',
      'a{0,9}a{0,9}a{0,9}a{0,9}a{0,9}a{0,9}a{0,9}!',
    ];
    for (const p of worst) {
      expect(regexProblem(p), p).toBeUndefined();
      const re = compileSafeRegex(p);
      const input = (p.startsWith('[') ? 'a' : p.startsWith('a') ? 'a' : '1').repeat(REGEX_MAX_INPUT);
      const t0 = performance.now();
      expect(re.test(input)).toBe(false);
      expect(performance.now() - t0, p).toBeLessThan(1000);
    }
  });
});
