import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { readDockerfileFacts } from './dockerfile-context';

describe('readDockerfileFacts', () => {
  let root: string;
  beforeEach(() => (root = mkdtempSync(join(tmpdir(), 'gd-facts-'))));
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };

  it('reads the context of a plain header', () => {
    write('apps/api/Dockerfile', '# Build context: x.\n#   docker buildx build --platform linux/amd64,linux/arm64 -f apps/api/Dockerfile apps/api\nFROM scratch\n');
    expect(readDockerfileFacts(root, 'apps/api/Dockerfile').context).toBe('apps/api');
  });

  it('reads shell-quoted paths the way the shell would', () => {
    const dockerfile = "apps/my app $HOME/it's/Dockerfile";
    write(dockerfile, `# Build context: x.\n#   docker buildx build --platform linux/amd64 -f 'apps/my app $HOME/it'\\''s/Dockerfile' 'apps/my app $HOME'\nFROM scratch\n`);
    expect(readDockerfileFacts(root, dockerfile).context).toBe('apps/my app $HOME');
  });

  it('ignores a header written for another Dockerfile', () => {
    write('apps/b/Dockerfile', '#   docker buildx build -f apps/a/Dockerfile apps/a\nFROM scratch\n');
    expect(readDockerfileFacts(root, 'apps/b/Dockerfile').context).toBeUndefined();
  });
});
