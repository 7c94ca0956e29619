import type { SourceError } from './errors.js';
import type { JsonObject, JsonValue } from './json-values.js';

// The grammar half of the JSON parser: it receives tokens from the lexer (json-parser.ts), checks that they
// form valid JSON with a stack of open containers, and builds the values. In 'elements' mode the top-level
// array itself is never built: each element is handed out when it completes, then dropped.

type Frame =
  | { kind: 'arr'; value: JsonValue[] | null; state: 'first' | 'value' | 'comma' }
  | { kind: 'obj'; value: JsonObject; state: 'firstKey' | 'key' | 'colon' | 'value' | 'comma'; key: string };

/** Builds JSON values from tokens; grammar errors come from `fail` (which knows the position). */
export class JsonTreeBuilder {
  private stack: Frame[] = [];
  private rootDone = false;
  private pending: JsonValue = null;
  private result: JsonValue | undefined;
  private out: JsonValue[] = [];
  private emitted = 0;

  constructor(
    private readonly mode: 'elements' | 'document',
    private readonly maxDepth: number,
    private readonly fail: (what: string) => SourceError,
    /** called when a top-level element that is an object or array begins ('elements' mode) */
    private readonly onElementStart: () => void,
  ) {}

  /** Elements handed out so far. */
  get count(): number {
    return this.emitted;
  }

  /** Open containers (the top-level array counts). */
  get depth(): number {
    return this.stack.length;
  }

  /** True once the top-level value is complete. */
  get complete(): boolean {
    return this.rootDone;
  }

  /** The top-level value ('document' mode). */
  get document(): JsonValue {
    return this.result ?? null;
  }

  /** Completed elements since the last call. */
  take(): JsonValue[] {
    const done = this.out;
    this.out = [];
    return done;
  }

  /** A string token: an object key where one is expected, otherwise a value. */
  string(s: string): void {
    const top = this.stack.at(-1);
    if (top?.kind === 'obj' && (top.state === 'firstKey' || top.state === 'key')) {
      if (top.value.has(s)) throw this.fail(`duplicate key ${JSON.stringify(s)}`);
      top.key = s;
      top.state = 'colon';
    } else this.value(s, false);
  }

  /** A value token, or (`container`) a new empty object/array that following tokens fill. */
  value(v: JsonValue, container: boolean): void {
    const top = this.stack.at(-1);
    if (!top) {
      if (this.rootDone) throw this.fail('unexpected data after the end of the JSON');
      if (this.mode === 'elements') {
        if (!Array.isArray(v)) throw this.fail('expected a JSON array of objects ([ …]) at the top level');
        this.stack.push({ kind: 'arr', value: null, state: 'first' });
        return;
      }
      this.result = v;
      if (!container) this.rootDone = true;
    } else if (top.kind === 'arr') {
      if (top.state === 'comma') throw this.fail("expected ',' or ']'");
      top.state = 'comma';
      if (top.value) top.value.push(v);
      else if (container) {
        this.pending = v;
        this.onElementStart();
      } else this.emit(v);
    } else {
      if (top.state !== 'value')
        throw this.fail(top.state === 'colon' ? "expected ':'" : "expected ',' or '}'");
      top.value.set(top.key, v);
      top.state = 'comma';
    }
    if (container) {
      if (this.stack.length >= this.maxDepth) throw this.fail(`nesting deeper than ${this.maxDepth} levels`);
      this.stack.push(
        v instanceof Map
          ? { kind: 'obj', value: v, state: 'firstKey', key: '' }
          : { kind: 'arr', value: v as JsonValue[], state: 'first' },
      );
    }
  }

  /** A closing bracket or brace. */
  close(c: '}' | ']'): void {
    const top = this.stack.at(-1);
    const kind = c === '}' ? 'obj' : 'arr';
    if (!top || top.kind !== kind) throw this.fail(`unexpected '${c}'`);
    if (top.state === 'value' || top.state === 'key') throw this.fail(`a trailing comma before '${c}'`);
    if (top.state === 'colon') throw this.fail("expected ':'");
    this.stack.pop();
    if (this.stack.length === 0) this.rootDone = true;
    else if (this.mode === 'elements' && this.stack.length === 1) this.emit(this.pending);
  }

  /** A comma. */
  comma(): void {
    const top = this.stack.at(-1);
    if (!top || top.state !== 'comma') throw this.fail("unexpected ','");
    top.state = top.kind === 'arr' ? 'value' : 'key';
  }

  /** A colon. */
  colon(): void {
    const top = this.stack.at(-1);
    if (top?.kind !== 'obj' || top.state !== 'colon') throw this.fail("unexpected ':'");
    top.state = 'value';
  }

  private emit(v: JsonValue): void {
    this.out.push(v);
    this.emitted++;
    this.pending = null;
  }
}
