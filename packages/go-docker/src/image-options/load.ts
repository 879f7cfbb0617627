import { joinPath } from '../go/file-system';
import { ImageOptionsError, type ImageOptions, mergeImageOptions, validateImageOptions } from './options';

/** The key of a project's image options in its project.json. */
export const PROJECT_KEY = 'go-docker';

/** Reads a workspace-relative file; undefined when it does not exist. */
export type ReadFile = (path: string) => string | undefined;

/**
 * A project's image options: nx.json's go-docker plugin entry (`options.image`) under the project's
 * project.json (`"go-docker"`), validated. Setup reads them through its Tree, the executor from disk.
 */
export function loadImageOptions(read: ReadFile, projectRoot: string | undefined): ImageOptions {
  const { workspace, project } = loadImageOptionLayers(read, projectRoot);
  return mergeImageOptions(workspace, project);
}

/** The two places options come from, each validated, before the project's override the workspace's. */
export function loadImageOptionLayers(read: ReadFile, projectRoot: string | undefined): { workspace: ImageOptions; project: ImageOptions } {
  const workspace = validateImageOptions(workspaceImageOptions(read), 'nx.json', 'plugins[go-docker].options.image', 'workspace');
  if (projectRoot === undefined) return { workspace, project: {} };
  const file = joinPath(projectRoot, 'project.json');
  const json = parseJson(read, file);
  return { workspace, project: validateImageOptions(json?.[PROJECT_KEY], file, PROJECT_KEY, 'project') };
}

function workspaceImageOptions(read: ReadFile): unknown {
  const nxJson = parseJson(read, 'nx.json');
  const plugins = Array.isArray(nxJson?.plugins) ? (nxJson?.plugins as unknown[]) : [];
  for (const entry of plugins) {
    if (typeof entry === 'object' && entry !== null && (entry as { plugin?: unknown }).plugin === 'go-docker') {
      return ((entry as { options?: Record<string, unknown> }).options ?? {}).image;
    }
  }
  return undefined;
}

function parseJson(read: ReadFile, file: string): Record<string, unknown> | undefined {
  const text = read(file);
  if (text === undefined) return undefined;
  try {
    const value = JSON.parse(withoutComments(text)) as unknown;
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch (error) {
    throw new ImageOptionsError(file, `is not valid JSON (${(error as Error).message})`);
  }
}

/** nx.json and project.json may hold line and block comments (Nx reads them so); JSON.parse does not. */
function withoutComments(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      const end = stringEnd(text, i);
      out += text.slice(i, end);
      i = end - 1;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      out += '\n';
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 1;
    } else {
      out += c;
    }
  }
  return out;
}

function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') return i + 1;
  }
  return text.length;
}
