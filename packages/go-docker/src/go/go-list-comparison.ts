import type { BuildContext } from './build-constraints';
import type { PackageView } from './package-view';

/** The fields of one `go list -e -json` package that the static reader claims to know. */
export interface GoListPackage {
  Dir: string;
  ImportPath: string;
  Name?: string;
  Standard?: boolean;
  GoFiles?: string[];
  CgoFiles?: string[];
  IgnoredGoFiles?: string[];
  InvalidGoFiles?: string[];
  Imports?: string[];
  EmbedPatterns?: string[];
  Error?: { Err: string };
}

/** What a disagreement is about; the differential counts them by class. */
export type DisagreementClass = 'name' | 'go-files' | 'cgo-files' | 'ignored-files' | 'broken' | 'imports' | 'embeds' | 'func-main';

export interface Disagreement {
  dir: string;
  context: string;
  kind: DisagreementClass;
  /** go list's value, then the reader's. */
  goList: string;
  reader: string;
}

export function contextLabel(context: BuildContext): string {
  return `${context.goos}/${context.goarch} cgo=${context.cgo ? 1 : 0}`;
}

const nonTest = (files: string[] | undefined): string[] => (files ?? []).filter((f) => !f.endsWith('_test.go')).sort();
const list = (values: readonly string[]): string => values.join(' ') || '(none)';

/**
 * Compares go list's view of a package with the reader's in the same context. go list may report
 * resolution errors (missing modules) that are not the reader's business: only errors about the
 * package's own files (parse errors, mixed package names) count as "broken".
 */
export function compareWithGoList(listed: GoListPackage, view: PackageView, context: BuildContext): Disagreement[] {
  const out: Disagreement[] = [];
  const add = (kind: DisagreementClass, goList: string, reader: string) => {
    if (goList !== reader) out.push({ dir: listed.Dir, context: contextLabel(context), kind, goList, reader });
  };
  const goListBroken = nonTest(listed.InvalidGoFiles).length > 0 || /found packages .* in /.test(listed.Error?.Err ?? '');
  add('broken', String(goListBroken), String(view.error !== undefined));
  if (goListBroken || view.error) return out;
  add('go-files', list(nonTest(listed.GoFiles)), list([...view.goFiles].sort()));
  add('cgo-files', list(nonTest(listed.CgoFiles)), list([...view.cgoFiles].sort()));
  add('ignored-files', list(nonTest(listed.IgnoredGoFiles)), list([...view.ignoredGoFiles].sort()));
  if (view.goFiles.length + view.cgoFiles.length > 0) {
    add('name', listed.Name ?? '', view.name ?? '');
    add('imports', list([...(listed.Imports ?? [])].sort()), list(view.imports));
    add('embeds', list([...new Set((listed.EmbedPatterns ?? []).map((p) => p.replace(/^all:/, '')))].sort()), list(view.embedPatterns));
  }
  return out;
}
