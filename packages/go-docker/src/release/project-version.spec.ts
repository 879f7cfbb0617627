import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { calendarVersion } from './calendar';
import { projectVersion, releaseTagAtHead } from './project-version';

function repo(): { ws: string; git: (...args: string[]) => string } {
  const ws = mkdtempSync(join(tmpdir(), 'go-docker-version-'));
  mkdirSync(join(ws, 'apps', 'api'), { recursive: true });
  writeFileSync(join(ws, 'package.json'), JSON.stringify({ name: 'wrapper', version: '0.0.0' }));
  writeFileSync(join(ws, 'apps', 'api', 'main.go'), 'package main\n\nfunc main() {}\n');
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd: ws, encoding: 'utf8' }).trim();
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-q', '-m', 'init');
  return { ws, git };
}
const api = (ws: string) => ({ workspaceRoot: ws, projectName: 'api', projectRoot: 'apps/api' });

describe('projectVersion', () => {
  it('is never the workspace package.json (the Nx wrapper): none at all without a release', () => {
    expect(projectVersion(api(repo().ws))).toBeUndefined();
    expect(projectVersion({ ...api(repo().ws), projectRoot: '.' })).toBeUndefined();
  });

  it('reads the release git tag, and git describe past it', () => {
    const { ws, git } = repo();
    git('tag', 'worker@9.0.0');
    git('tag', 'api@1.2.0');
    expect(projectVersion(api(ws))).toBe('1.2.0');
    git('commit', '-q', '--allow-empty', '-m', 'fix: later');
    expect(projectVersion(api(ws))).toMatch(/^1\.2\.0-1-g[0-9a-f]+$/);
  });

  it('tells a release tag on HEAD from one further back', () => {
    const { ws, git } = repo();
    git('tag', 'api@1.2.0');
    expect(releaseTagAtHead(api(ws))).toBe('1.2.0');
    git('commit', '-q', '--allow-empty', '-m', 'fix: later');
    git('tag', 'worker@2.0.0');
    expect(releaseTagAtHead(api(ws))).toBeUndefined();
  });

  it('knows Go-style <dir>/vX tags and a fixed group v-tag, the project’s own first', () => {
    const { ws, git } = repo();
    git('tag', 'v3.0.0');
    expect(projectVersion(api(ws))).toBe('3.0.0');
    git('tag', 'apps/api/v1.4.0');
    expect(projectVersion(api(ws))).toBe('1.4.0');
  });

  it('falls back to the VERSION file nx release wrote, and prefers the project’s own package.json', () => {
    const { ws } = repo();
    writeFileSync(join(ws, 'apps/api/VERSION'), '2.0.1\n');
    expect(projectVersion(api(ws))).toBe('2.0.1');
    writeFileSync(join(ws, 'apps/api/package.json'), JSON.stringify({ name: 'api', version: '5.5.5' }));
    expect(projectVersion(api(ws))).toBe('5.5.5');
  });
});

describe('calendarVersion', () => {
  const dec = new Date('2026-12-01T10:00:00Z');
  it('starts a month at .0 and counts its releases', () => {
    expect(calendarVersion(null, dec)).toBe('2026.12.0');
    expect(calendarVersion('1.4.0', dec)).toBe('2026.12.0');
    expect(calendarVersion('2026.11.7', dec)).toBe('2026.12.0');
    expect(calendarVersion('2026.12.0', dec)).toBe('2026.12.1');
    expect(calendarVersion('2026.12.9', dec)).toBe('2026.12.10');
  });
});
