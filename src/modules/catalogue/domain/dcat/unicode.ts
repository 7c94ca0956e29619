// JavaScript strings may hold unpaired UTF-16 surrogates, which are not Unicode text: UTF-8 encoding turns
// them into U+FFFD silently and encodeURIComponent throws on them. Making text well formed up front means
// what the tests check is byte for byte what a consumer receives.

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Makes a string a sequence of Unicode scalar values (lone surrogates become U+FFFD). */
export function wellFormed(value: string): string {
  return value.replace(LONE_SURROGATE, '\uFFFD');
}
