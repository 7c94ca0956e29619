// ID numbers and USCCs are recognised by their national check characters (kernel/codes), not by shape: an
// 18-digit order number has the shape of an ID number but passes GB 11643 only about one time in eleven.
import { checkIdNumber, checkUscc } from '../../../../kernel/index.js';

const ID_SHAPE = /^(?:\d{17}[\dXx]|\d{15})$/;
const USCC_SHAPE = /^[0-9A-Za-z]{18}$/;

/** True for a GB 11643 ID number (18 characters, or legacy 15 digits) with a valid check and birth date. */
export function isIdNumber(value: string, asOf?: Date): boolean {
  return ID_SHAPE.test(value) && checkIdNumber(value, asOf ? { today: asOf } : undefined).ok;
}

/** True for a GB 32100 unified social credit code with a valid check character and province. */
export function isUscc(value: string): boolean {
  return USCC_SHAPE.test(value) && checkUscc(value).ok;
}
