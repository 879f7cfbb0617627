/** What `buildArgs` may be given as: `--buildArgs.K=V` (an object), `--buildArgs=K=V` once or repeated. */
export type BuildArgsOption = Record<string, string | number | boolean> | string[] | string | undefined;

/**
 * buildArgs → KEY=VALUE pairs, in both spellings users bring: `--buildArgs.GOPROXY=…` (Nx's object form)
 * and `--buildArgs=GOPROXY=…`, repeatable like `docker build --build-arg`. Nx splits a list value at its
 * commas, so an item without `=` continues the value before it (`GOFLAGS=-tags=a,b` stays one value).
 * The command line makes `--buildArgs.N=2` a number: every value becomes a string.
 */
export function normalizeBuildArgs(option: BuildArgsOption): Record<string, string> {
  if (option === undefined) return {};
  if (typeof option === 'object' && !Array.isArray(option)) return Object.fromEntries(Object.entries(option).map(([k, v]) => [k, String(v)]));
  const items = Array.isArray(option) ? option : [option];
  const pairs: Array<[string, string]> = [];
  for (const item of items.map(String)) {
    const eq = item.indexOf('=');
    if (eq > 0) pairs.push([item.slice(0, eq), item.slice(eq + 1)]);
    else if (pairs.length > 0) pairs[pairs.length - 1][1] += `,${item}`;
    else throw new Error(`build arg "${item}" is not KEY=VALUE (use --buildArgs=KEY=VALUE, repeatable, or --buildArgs.KEY=VALUE)`);
  }
  return Object.fromEntries(pairs);
}
