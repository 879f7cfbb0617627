import { type BuildContext, buildContext, constraintsMatch, fileNameMatches, TARGET_ARCHES } from './build-constraints';
import { type GoSourceSummary, summarizeGoSource } from './go-source';

/** One non-test .go file of a package directory and its summary. */
export interface GoSourceFile {
  name: string;
  summary: GoSourceSummary;
}

/** A package directory as go/build sees it in one build context (the fields of `go list -json`). */
export interface PackageView {
  /** Package name; undefined when no file is chosen. */
  name: string | undefined;
  /** Chosen files without `import "C"` (GoFiles). */
  goFiles: string[];
  /** Chosen files with `import "C"`, cgo on (CgoFiles). */
  cgoFiles: string[];
  /** Files left out by constraints, `package documentation`, or `import "C"` with cgo off (IgnoredGoFiles). */
  ignoredGoFiles: string[];
  /** Imports of the chosen files, sorted, without duplicates. */
  imports: string[];
  embedPatterns: string[];
  /** A chosen file declares a top-level func main(). */
  hasMainFunc: boolean;
  /** Why go/build marks the package broken (first error), as file, line and message. */
  error?: { file: string; line?: number; message: string };
}

/** Whether go/build looks at a file at all: names starting with `_` or `.` are not even listed. */
export function isListedGoFile(name: string): boolean {
  return name.endsWith('.go') && !name.endsWith('_test.go') && !name.startsWith('_') && !name.startsWith('.');
}

const UNREAD: GoSourceSummary = { packageName: undefined, imports: [], hasMainFunc: false, usesCgo: false, plusBuild: [], embedPatterns: [] };
const NAME_CONTEXTS = TARGET_ARCHES.map((arch) => buildContext(arch, false));

/**
 * The entry of a file go/build lists (undefined for others). A file no target platform builds
 * (x_windows.go) is listed by name and never read: its summary stays empty.
 */
export function sourceFileOf(name: string, read: () => string, summarize: (read: () => string) => GoSourceSummary = (r) => summarizeGoSource(r())): GoSourceFile | undefined {
  if (!isListedGoFile(name)) return undefined;
  if (!NAME_CONTEXTS.some((context) => fileNameMatches(name, context))) return { name, summary: UNREAD };
  return { name, summary: summarize(read) };
}

/** go/build's Import loop over a directory's non-test files, for one context. */
export function viewPackage(files: readonly GoSourceFile[], context: BuildContext): PackageView {
  const view: PackageView = { name: undefined, goFiles: [], cgoFiles: [], ignoredGoFiles: [], imports: [], embedPatterns: [], hasMainFunc: false };
  const imports = new Set<string>();
  const embeds = new Set<string>();
  let firstFile = '';
  for (const { name, summary } of files) {
    if (!fileNameMatches(name, context) || (!constraintsMatch(summary.goBuild, summary.plusBuild, context) && !isConstraintError(summary))) {
      view.ignoredGoFiles.push(name);
      continue;
    }
    if (isConstraintError(summary)) {
      view.error ??= { file: name, line: summary.error?.line, message: summary.error?.message ?? '' };
      continue;
    }
    if (summary.error) view.error ??= { file: name, line: summary.error.line, message: summary.error.message };
    const pkg = summary.packageName;
    if (pkg === 'documentation') {
      view.ignoredGoFiles.push(name);
      continue;
    }
    if (pkg !== undefined) {
      if (view.name === undefined) {
        view.name = pkg;
        firstFile = name;
      } else if (pkg !== view.name) {
        view.error ??= { file: name, message: `found packages ${view.name} (${firstFile}) and ${pkg} (${name})` };
      }
    }
    if (summary.usesCgo && !context.cgo) {
      // go/build ignores the imports and embeds of cgo files when cgo is off.
      view.ignoredGoFiles.push(name);
      continue;
    }
    (summary.usesCgo ? view.cgoFiles : view.goFiles).push(name);
    summary.imports.forEach((i) => imports.add(i.path));
    summary.embedPatterns.forEach((p) => embeds.add(p));
    view.hasMainFunc ||= summary.hasMainFunc;
  }
  view.imports = [...imports].sort();
  view.embedPatterns = [...embeds].sort();
  return view;
}

/** A malformed `//go:build` line (or two of them): go/build rejects the file before reading it. */
function isConstraintError(summary: GoSourceSummary): boolean {
  return summary.error !== undefined && (summary.error.message.startsWith('parsing //go:build line') || summary.error.message === 'multiple //go:build comments');
}

/**
 * Whether a package cannot be built with cgo off: a file that imports "C" is chosen whatever the
 * cgo tag says (with cgo off go/build drops it silently and the package loses code), or no Go file
 * is left at all. A package whose cgo files are all behind a `cgo` constraint has a fallback.
 */
export function needsCgo(files: readonly GoSourceFile[], context: BuildContext): boolean {
  const on = { ...context, cgo: true };
  const off = { ...context, cgo: false };
  let cgoDependent = false;
  for (const { name, summary } of files) {
    if (!summary.usesCgo && !mentionsCgo(summary)) continue;
    cgoDependent = true;
    if (!summary.usesCgo || !fileNameMatches(name, on) || !constraintsMatch(summary.goBuild, summary.plusBuild, on)) continue;
    if (constraintsMatch(summary.goBuild, summary.plusBuild, off)) return true;
  }
  if (!cgoDependent) return false;
  // Without cgo nothing is left to build, with it something is (`import "C"` files, or files that say
  // `//go:build cgo` without importing C): `CGO_ENABLED=0 go build` would say "build constraints exclude all Go files".
  return viewPackage(files, off).goFiles.length === 0 && viewPackage(files, on).goFiles.length > 0;
}

function mentionsCgo(summary: GoSourceFile['summary']): boolean {
  return /\bcgo\b/.test(summary.goBuild ?? '') || summary.plusBuild.some((line) => /\bcgo\b/.test(line));
}
