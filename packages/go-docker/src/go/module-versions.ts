/** Orders module versions as semver does (v1.2.3 < v1.10.0, pre-releases before releases); pseudo-versions are pre-releases. */
export function compareModuleVersions(a: string, b: string): number {
  const parse = (v: string) => {
    const match = /^v?(\d+)\.(\d+)\.(\d+)(?:-([^+]*))?/.exec(v);
    return match ? { nums: [Number(match[1]), Number(match[2]), Number(match[3])], pre: match[4] } : { nums: [0, 0, 0], pre: v };
  };
  const x = parse(a);
  const y = parse(b);
  for (let i = 0; i < 3; i++) if (x.nums[i] !== y.nums[i]) return x.nums[i] - y.nums[i];
  if (x.pre === y.pre) return 0;
  if (x.pre === undefined) return 1;
  if (y.pre === undefined) return -1;
  return x.pre < y.pre ? -1 : 1;
}
