/**
 * The calendar scheme: YYYY.M.N (UTC), N counting the releases of that month from 0. Valid semver, so nx
 * release finds the latest one among the git tags and orders them as time does.
 */
export function calendarVersion(current: string | null, now: Date = new Date()): string {
  const month = `${now.getUTCFullYear()}.${now.getUTCMonth() + 1}`;
  const match = current ? /^(\d+\.\d+)\.(\d+)$/.exec(current) : null;
  return match && match[1] === month ? `${month}.${Number(match[2]) + 1}` : `${month}.0`;
}
