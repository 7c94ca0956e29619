// Cross-field rules compare what an ID number encodes (birth date, gender, region of first registration) with
// other items of the same row. Either side may be the wrong one, so they warn by default; and a pair is only
// compared when both sides can be read: an unreadable value is the business of its own item's rules.
import { dateOf } from './checks.js';
import type { RuleSpecOf } from './rules.js';

/** Kinds that compare two items of a row. */
export type PairKind = 'idBirthDate' | 'idGender' | 'idRegion';

/** A compiled pair check: normalised ID text and other text (null if empty) → a message, or undefined. */
export type PairCheck = (idText: string | null, otherText: string | null) => string | undefined;

const ID_18 = /^\d{6}(\d{8})\d{3}[\dX]$/;
const REGION = /^\d{6}$/;

/** Default GB/T 2261.1 gender codes and their common written forms (0 未知 and 9 未说明 compare with neither). */
export const DEFAULT_MALE = ['1', '男', 'M', 'male'] as const;
/** Default female values; see DEFAULT_MALE. */
export const DEFAULT_FEMALE = ['2', '女', 'F', 'female'] as const;

function lowerAscii(s: string): string {
  return s.replace(/[A-Z]+/g, (m) => m.toLowerCase());
}

function idBirthDate(id: string): string | undefined {
  const b = ID_18.exec(id)?.[1];
  return b === undefined ? undefined : `${b.slice(0, 4)}-${b.slice(4, 6)}-${b.slice(6, 8)}`;
}

/** How many leading digits of a region code are significant: 2 (province), 4 (prefecture) or 6 (county). */
function regionDigits(code: string): number {
  return code.endsWith('0000') ? 2 : code.endsWith('00') ? 4 : 6;
}

/** Compiles a cross-field spec (the caller supplies the two items' normalised texts). */
export function compilePairCheck(spec: RuleSpecOf<PairKind>): PairCheck {
  switch (spec.kind) {
    case 'idBirthDate':
      return (id, other) => {
        const fromId = id === null ? undefined : idBirthDate(id);
        const given = other === null ? undefined : dateOf(other);
        if (fromId === undefined || given === undefined || fromId === given) return undefined;
        return `Birth date differs from the birth date in the ID number (${spec.idItem})`;
      };
    case 'idGender': {
      const male = new Set(spec.male.map(lowerAscii));
      const female = new Set(spec.female.map(lowerAscii));
      return (id, other) => {
        if (id === null || other === null || !ID_18.test(id)) return undefined;
        const g = lowerAscii(other);
        const given = male.has(g) ? 'male' : female.has(g) ? 'female' : undefined;
        if (given === undefined) return undefined; // unknown or unstated gender: nothing to compare
        const fromId = (id.charCodeAt(16) - 48) % 2 === 1 ? 'male' : 'female';
        return given === fromId
          ? undefined
          : `Gender differs from the gender digit of the ID number (${spec.idItem})`;
      };
    }
    case 'idRegion':
      return (id, other) => {
        if (id === null || other === null || !ID_18.test(id) || !REGION.test(other)) return undefined;
        // Compare at the level the region item is given: a prefecture code matches any county below it.
        const n = regionDigits(other);
        if (id.slice(0, n) === other.slice(0, n)) return undefined;
        return `Region differs from the region prefix of the ID number (${spec.idItem}); people move, so this is for information`;
      };
  }
}
