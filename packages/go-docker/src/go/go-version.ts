/** Go release versions as go.mod, go.work and image tags write them: `1.22`, `1.22.3`, `1.21rc2`. */

/** True when `version` is the release `minimum` (`major.minor`) or newer; false when it does not parse. */
export function goVersionAtLeast(version: string, minimum: string): boolean {
  const have = /^(\d+)\.(\d+)/.exec(version);
  const want = /^(\d+)\.(\d+)/.exec(minimum);
  if (!have || !want) return false;
  const [hMajor, hMinor] = [Number(have[1]), Number(have[2])];
  const [wMajor, wMinor] = [Number(want[1]), Number(want[2])];
  return hMajor > wMajor || (hMajor === wMajor && hMinor >= wMinor);
}
