/**
 * Instruction keywords: the ones BuildKit knows, and how a command word is read as one. Command words are
 * matched in place, ignoring ASCII case, so the common spellings (`RUN`, `run`) cost no case-converted copy.
 */
export const KNOWN_INSTRUCTIONS: ReadonlySet<string> = new Set([
  'FROM', 'RUN', 'CMD', 'LABEL', 'MAINTAINER', 'EXPOSE', 'ENV', 'ADD', 'COPY', 'ENTRYPOINT',
  'VOLUME', 'USER', 'WORKDIR', 'ARG', 'ONBUILD', 'STOPSIGNAL', 'HEALTHCHECK', 'SHELL',
]);

/** Upper-cased keyword → the constant string, so keyword comparisons in rules hit identical strings. */
const INTERNED_KEYWORDS = new Map([...KNOWN_INSTRUCTIONS].map((k) => [k, k]));
const KEYWORDS_BY_LOWER_CASE = new Map([...KNOWN_INSTRUCTIONS].map((k) => [k.toLowerCase(), k]));
/** Known keywords by their length. */
const KEYWORDS_BY_LENGTH: string[][] = [];
for (const keyword of KNOWN_INSTRUCTIONS) (KEYWORDS_BY_LENGTH[keyword.length] ??= []).push(keyword);

/** The known keyword text[from, to) spells in any ASCII case, or undefined. */
export function knownKeywordAt(text: string, from: number, to: number): string | undefined {
  const candidates = KEYWORDS_BY_LENGTH[to - from];
  if (candidates === undefined) return undefined;
  for (const keyword of candidates) {
    let k = 0;
    // Keywords are letters only: `| 0x20` lower-cases a letter and maps nothing else onto one.
    while (k < keyword.length && (text.charCodeAt(from + k) | 0x20) === (keyword.charCodeAt(k) | 0x20)) k++;
    if (k === keyword.length) return keyword;
  }
  return undefined;
}

/** The known keyword whose lower-case spelling `word` is, or undefined. */
export function keywordSpelledInLowerCase(word: string): string | undefined {
  return KEYWORDS_BY_LOWER_CASE.get(word);
}

/** A command word upper-cased (toUpperCase, as for any other word), as the constant string when it is a known keyword. */
export function upperCaseKeyword(command: string): string {
  const upper = command.toUpperCase();
  return INTERNED_KEYWORDS.get(upper) ?? upper;
}
