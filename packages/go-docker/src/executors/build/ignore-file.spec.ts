import { existsSync, mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { isExcluded, parseIgnorePatterns } from '../../utils/dockerignore-patterns';
import { filteredContext } from './ignore-file';

describe('dockerignore semantics', () => {
  it.each([
    ['*\n!go.mod\n!apps/api/*.go\n**/*_test.go', { 'go.mod': false, 'go.sum': true, 'apps/api/main.go': false, 'apps/api/main_test.go': true, 'apps/api/sub/x.go': true, '.git/config': true, '.env': true, 'apps/web/main.go': true }],
    ['*\n!apps/gateway/static', { 'apps/gateway/static/index.html': false, 'apps/gateway/static/css/a.css': false, 'apps/gateway/main.go': true }],
    ['.git\n**/.env\nnode_modules', { '.git/HEAD': true, 'a/b/.env': true, '.env': true, 'node_modules/x/y.js': true, 'src/a.go': false }],
    ['*.md\n!README.md', { 'CHANGES.md': true, 'README.md': false, 'docs/x.md': false }],
    ['dist/*/bin?', { 'dist/a/bin1': true, 'dist/a/bin12': false, 'dist/a/b/bin1': false }],
  ])('%j', (text, expectations) => {
    const patterns = parseIgnorePatterns(text);
    for (const [path, excluded] of Object.entries(expectations)) expect([path, isExcluded(patterns, path)]).toEqual([path, excluded]);
  });
});

describe('filteredContext', () => {
  it('copies exactly what the allow-list lets in, without walking excluded trees', () => {
    const root = mkdtempSync(join(tmpdir(), 'go-docker-ctx-src-'));
    const files = ['go.work', 'apps/api/go.mod', 'apps/api/main.go', 'apps/api/main_test.go', 'apps/web/main.go', 'libs/x/x.go', '.env', '.git/HEAD', 'node_modules/big/index.js'];
    for (const f of files) {
      mkdirSync(join(root, f, '..'), { recursive: true });
      writeFileSync(join(root, f), f);
    }
    writeFileSync(join(root, 'apps/api/Dockerfile.dockerignore'), '*\n!go.work\n!apps/api/go.mod\n!apps/api/*.go\n!libs/x/*.go\n**/*_test.go\n');
    const copy = filteredContext(root, join(root, 'apps/api/Dockerfile.dockerignore'));
    const list = (dir: string): string[] => readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? list(join(dir, n)) : [relative(copy, join(dir, n))]));
    expect(list(copy).sort()).toEqual(['apps/api/go.mod', 'apps/api/main.go', 'go.work', 'libs/x/x.go']);
    expect(existsSync(join(copy, 'node_modules'))).toBe(false);
  });
});
