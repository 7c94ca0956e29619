// Steward-supplied patterns run against every row of a load, and Node's regex engine backtracks, so a pattern
// like (a+)+ can take exponential time on one crafted cell and stall the whole job. There is no linear-time
// engine in Node 20, so patterns are screened before they are accepted and inputs are capped when tested.
// The screen is conservative: it may refuse a pattern that happens to be safe ((?:,|;)+ → write [,;]+).

/** Longest pattern a steward may supply. */
export const REGEX_MAX_PATTERN = 200;
/** Longest value a pattern is tested against; a longer value fails the rule instead of being tested. */
export const REGEX_MAX_INPUT = 256;
/** Most unbounded quantifiers (*, +, {n,}) in one pattern. */
export const REGEX_MAX_UNBOUNDED = 3;
/**
 * Most backtracking steps a pattern may be estimated to take on a failing REGEX_MAX_INPUT-character value.
 * Adjacent overlapping quantifiers multiply: k unbounded ones can split n characters C(n + k, k) ways, and each
 * optional part or range {n,m} multiplies that by its number of choices. 10^7 steps take about 0.2 s in V8
 * (measured in regex-guard.test.ts); real patterns rarely overlap, so they run far faster than the estimate.
 */
export const REGEX_MAX_COST = 10_000_000;
/** Flags a pattern may use: g and y make test() stateful, m would let ^ and $ match inside a value. */
export const REGEX_FLAGS = /^(?!.*(.).*\1)[ius]*$/;

interface Frame {
  /** The group contains a quantifier whose repeat count can vary. */
  variable: boolean;
  /** The group contains an alternation. */
  alternation: boolean;
}

interface Quantifier {
  length: number;
  min: number;
  max: number; // Infinity when unbounded
}

function quantifierAt(p: string, i: number): Quantifier | undefined {
  const c = p.charAt(i);
  let q: Quantifier | undefined;
  if (c === '*') q = { length: 1, min: 0, max: Infinity };
  else if (c === '+') q = { length: 1, min: 1, max: Infinity };
  else if (c === '?') q = { length: 1, min: 0, max: 1 };
  else if (c === '{') {
    const m = /^\{(\d+)(,(\d*))?\}/.exec(p.slice(i));
    if (!m) return undefined; // a literal brace (without the u flag) or a syntax error RegExp reports
    const min = Number(m[1]);
    const max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
    q = { length: m[0].length, min, max };
  }
  if (q && p.charAt(i + q.length) === '?') q.length += 1; // lazy form: same backtracking
  return q;
}

/** C(n + k, k): the ways k unbounded quantifiers can share n characters. */
function splits(n: number, k: number): number {
  let c = 1;
  for (let i = 1; i <= k; i++) c = (c * (n + i)) / i;
  return c;
}

/** Why a pattern is refused, or undefined if it passes the screen (syntax is checked separately). */
export function regexProblem(pattern: string, flags = ''): string | undefined {
  if (pattern.length > REGEX_MAX_PATTERN) return `pattern must be at most ${REGEX_MAX_PATTERN} characters`;
  if (!REGEX_FLAGS.test(flags)) return 'flags may only be i, u and s, each at most once';
  const stack: Frame[] = [{ variable: false, alternation: false }];
  let unbounded = 0;
  let choices = 1; // product of the choices of the bounded variable quantifiers
  let i = 0;
  while (i < pattern.length) {
    const c = pattern.charAt(i);
    const top = stack[stack.length - 1] ?? { variable: false, alternation: false };
    let atomEnd = i + 1;
    let group: Frame | undefined;
    if (c === '\\') {
      const next = pattern.charAt(i + 1);
      if (/[1-9]/.test(next) || next === 'k')
        return 'backreferences are not allowed (they can take exponential time)';
      atomEnd = i + 2;
    } else if (c === '[') {
      // Quantifier characters inside a class are literals; skip to the closing bracket. In JavaScript a ']'
      // right after '[' or '[^' closes the class ([] matches nothing), unlike PCRE, so no special case.
      let j = i + 1;
      if (pattern.charAt(j) === '^') j++;
      while (j < pattern.length && pattern.charAt(j) !== ']') j += pattern.charAt(j) === '\\' ? 2 : 1;
      atomEnd = j + 1;
    } else if (c === '(') {
      const prefix = /^\((\?(?:[:=!]|<[=!]|<[A-Za-z_$][\w$]*>))?/.exec(pattern.slice(i));
      stack.push({ variable: false, alternation: false });
      i += prefix?.[0].length ?? 1;
      continue;
    } else if (c === ')') {
      // An unbalanced ')' would close the anchoring wrapper of compileSafeRegex and let a quantifier after it
      // repeat the whole pattern: (?:\d+)*… from "\d+)*…". Refuse it here, not just as a syntax error.
      if (stack.length < 2) return 'pattern has an unbalanced )';
      group = stack.pop();
    } else if (c === '|') {
      top.alternation = true;
    } else if (c === '*' || c === '+' || c === '?') {
      // Not after an atom (a**, (?i:…) in Node 20): a syntax error, refused before the rest is misread.
      return 'pattern has a quantifier with nothing to repeat';
    }
    const q = quantifierAt(pattern, atomEnd);
    const parent = stack[stack.length - 1] ?? top;
    if (group) {
      // An inner alternation counts too: ((a|a)c)+ is as exponential as (a|a)+.
      parent.variable ||= group.variable;
      parent.alternation ||= group.alternation;
    }
    if (q) {
      const repeats = q.max > 1;
      if (group && repeats && (group.variable || group.alternation)) {
        return 'nested quantifiers such as (a+)+ or a repeated alternation such as (a|b)+ are not allowed (they can take exponential time); use a character class such as [ab]+ instead';
      }
      if (q.max !== q.min) {
        parent.variable = true;
        if (q.max === Infinity) unbounded++;
        else choices *= Math.min(q.max - q.min, REGEX_MAX_INPUT) + 1;
      }
      atomEnd += q.length;
    }
    i = atomEnd;
  }
  if (unbounded > REGEX_MAX_UNBOUNDED) {
    return `pattern may use at most ${REGEX_MAX_UNBOUNDED} unbounded quantifiers (*, +, {n,})`;
  }
  if (splits(REGEX_MAX_INPUT, unbounded) * choices > REGEX_MAX_COST) {
    return 'pattern has too many optional or variable-length parts: a failing match could take too long; use fewer ?, {n,m}, * or +';
  }
  return undefined;
}

/** Compiles a screened pattern anchored to the whole value; throws RangeError with the reason if refused. */
export function compileSafeRegex(pattern: string, flags = ''): RegExp {
  const problem = regexProblem(pattern, flags);
  if (problem !== undefined) throw new RangeError(problem);
  try {
    new RegExp(pattern, flags); // the pattern alone must be valid, so it cannot break out of the wrapper below
    // Whole-value semantics, as in XML Schema patterns: a steward writing \d{6} means "six digits".
    return new RegExp(`^(?:${pattern})$`, flags);
  } catch (e) {
    throw new RangeError(`pattern is not a valid regular expression: ${(e as Error).message}`);
  }
}
