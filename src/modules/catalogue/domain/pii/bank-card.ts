// Bank cards: 16–19 digits, the Luhn check, and a known issuer prefix. Luhn alone passes one random digit
// string in ten, so a column of transaction numbers would look like cards; requiring an issuer leader as well
// cuts that to about one in forty (about a quarter of random digit strings start with an issuer leader).
//
// Issuer leaders (ISO/IEC 7812 IIN ranges in use in China):
// - 62 China UnionPay, which covers the domestic debit and credit BINs (621…, 622…, 623…, 625…, 628…);
// - 603 and 601382: older domestic bank BINs (e.g. 603367 杭州银行, 601382 中国银行);
// - 4 Visa (e.g. 436742 建设银行 龙卡, 427020 工商银行); 51–55 and 2221–2720 Mastercard; 3528–3589 JCB;
// - 9558 and 95599: the 19-digit 工商银行 / 农业银行 debit cards issued before UnionPay numbering.
// American Express (34, 37) issues 15-digit cards, so the 16–19 length rule leaves it out on purpose.

/** True if the digit string passes the Luhn (mod 10) check. */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** The card network a number's leading digits belong to, or undefined when no known issuer uses them. */
export function cardIssuer(digits: string): string | undefined {
  if (digits.startsWith('62')) return 'UnionPay';
  if (digits.startsWith('603') || digits.startsWith('601382')) return 'domestic bank';
  if (digits.startsWith('9558') || digits.startsWith('95599')) return 'domestic bank (legacy)';
  if (digits.startsWith('4')) return 'Visa';
  const two = Number(digits.slice(0, 2));
  const four = Number(digits.slice(0, 4));
  if ((two >= 51 && two <= 55) || (four >= 2221 && four <= 2720)) return 'Mastercard';
  if (four >= 3528 && four <= 3589) return 'JCB';
  return undefined;
}

/** Digits of a card number written plainly or in groups (spaces or hyphens); undefined for anything else. */
export function cardDigits(value: string): string | undefined {
  if (!/^\d[\d -]*\d$/.test(value)) return undefined;
  const digits = value.replace(/[ -]/g, '');
  return digits.length >= 16 && digits.length <= 19 ? digits : undefined;
}

/** True for a 16–19 digit number that passes Luhn and starts with a known issuer prefix. */
export function isBankCard(value: string): boolean {
  const digits = cardDigits(value);
  return digits !== undefined && luhnValid(digits) && cardIssuer(digits) !== undefined;
}
