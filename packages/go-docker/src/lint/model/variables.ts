/**
 * Variables known while reading a Dockerfile. A name mapped to `undefined` is declared (e.g. `ARG TARGETOS`)
 * but its value is only known at build time, so anything depending on it cannot be decided.
 */
export type Variables = ReadonlyMap<string, string | undefined>;

const REFERENCE = /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g;

/**
 * Expands `$VAR`, `${VAR}`, `${VAR:-default}` and `${VAR:+alt}`.
 * Returns undefined when the result depends on something unknown (a declared-only or undeclared variable, an unsupported
 * modifier such as `${VAR#v}`, a command substitution).
 */
export function expand(text: string, variables: Variables): string | undefined {
  if (!text.includes('$')) return text;
  if (/\$\(|`|\$\{[^}]*[#%/^,]/.test(text)) return undefined;
  let unknown = false;
  const result = text.replace(REFERENCE, (_m, braced: string | undefined, modifier: string | undefined, word: string | undefined, plain: string | undefined) => {
    const name = (braced ?? plain) as string;
    const declared = variables.has(name);
    const value = variables.get(name);
    // Declared-only, or not declared at all (the image or the builder may set it): we cannot know the value.
    if ((declared && value === undefined) || (!declared && modifier === undefined)) {
      unknown = true;
      return '';
    }
    const isSet = declared && (modifier?.startsWith(':') ? value !== '' : true);
    if (modifier?.endsWith('-')) return isSet ? (value as string) : (word ?? '');
    if (modifier?.endsWith('+')) return isSet ? (word ?? '') : '';
    return value ?? '';
  });
  if (unknown || result.includes('$')) return undefined;
  return result;
}

/** True when the text refers to a variable (so it is not a literal the user hardcoded). */
export function hasVariable(text: string): boolean {
  return /\$/.test(text);
}
