import { describe, expect, it } from 'vitest';
import { cardDigits, cardIssuer, isBankCard, luhnValid } from './bank-card.js';

/** Appends the Luhn check digit to a body of digits. */
function withLuhn(body: string): string {
  for (let d = 0; d <= 9; d++) if (luhnValid(body + String(d))) return body + String(d);
  throw new Error('unreachable');
}

describe('luhnValid', () => {
  it('accepts the published test numbers and rejects a changed digit', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('5555555555554444')).toBe(true);
    expect(luhnValid('79927398713')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
    expect(luhnValid('79927398710')).toBe(false);
  });

  it('rejects anything that is not digits', () => {
    expect(luhnValid('')).toBe(false);
    expect(luhnValid('4111 1111 1111 1111')).toBe(false);
    expect(luhnValid('abc')).toBe(false);
  });
});

describe('cardIssuer', () => {
  it('names the networks of the documented leaders', () => {
    expect(cardIssuer('6228480000000000000')).toBe('UnionPay');
    expect(cardIssuer('6217000000000000000')).toBe('UnionPay');
    expect(cardIssuer('6033670000000000000')).toBe('domestic bank');
    expect(cardIssuer('6013820000000000')).toBe('domestic bank');
    expect(cardIssuer('9558800000000000000')).toBe('domestic bank (legacy)');
    expect(cardIssuer('4367420000000000000')).toBe('Visa');
    expect(cardIssuer('5100000000000000')).toBe('Mastercard');
    expect(cardIssuer('5500000000000000')).toBe('Mastercard');
    expect(cardIssuer('2221000000000000')).toBe('Mastercard');
    expect(cardIssuer('2720990000000000')).toBe('Mastercard');
    expect(cardIssuer('3528000000000000')).toBe('JCB');
  });

  it('knows no issuer for other leaders', () => {
    for (const n of ['1234567890123456', '5000000000000000', '5600000000000000', '2220990000000000']) {
      expect(cardIssuer(n)).toBeUndefined();
    }
    expect(cardIssuer('2721000000000000')).toBeUndefined();
    expect(cardIssuer('3527000000000000')).toBeUndefined();
    expect(cardIssuer('6010000000000000')).toBeUndefined();
    expect(cardIssuer('7000000000000000')).toBeUndefined();
  });
});

describe('cardDigits', () => {
  it('reads plain and grouped numbers of 16–19 digits', () => {
    expect(cardDigits('6222 0212 3456 7890 123')).toBe('6222021234567890123');
    expect(cardDigits('6222-0212-3456-7890')).toBe('6222021234567890');
    expect(cardDigits('622202123456789')).toBeUndefined(); // 15
    expect(cardDigits('62220212345678901234')).toBeUndefined(); // 20
    expect(cardDigits('6222O21234567890')).toBeUndefined();
  });
});

describe('isBankCard', () => {
  it('accepts Luhn-valid numbers with an issuer prefix, plain or grouped', () => {
    expect(isBankCard('4111111111111111')).toBe(true);
    expect(isBankCard('5555 5555 5555 4444')).toBe(true);
    const unionPay = withLuhn('622848012345678901');
    expect(unionPay).toHaveLength(19);
    expect(isBankCard(unionPay)).toBe(true);
    expect(isBankCard(unionPay.replace(/(.{4})(?=.)/g, '$1 '))).toBe(true);
  });

  it('rejects a Luhn-valid random 16-digit number without an issuer prefix', () => {
    const n = withLuhn('123456789012345');
    expect(luhnValid(n)).toBe(true);
    expect(isBankCard(n)).toBe(false);
    expect(isBankCard(withLuhn('900000000000000'))).toBe(false);
  });

  it('rejects a card with one digit changed, and 15-digit American Express numbers', () => {
    expect(isBankCard('4111111111111121')).toBe(false);
    expect(isBankCard('378282246310005')).toBe(false);
    expect(luhnValid('378282246310005')).toBe(true);
  });
});
