/** An option given as a list or as a comma-separated string (`--projects=a,b`), trimmed, empties dropped. */
export function listOption(value: string[] | string | undefined): string[] | undefined {
  return value === undefined ? undefined : (Array.isArray(value) ? value : value.split(',')).map((v) => v.trim()).filter(Boolean);
}
