import { isDockerfileName } from './discover';

describe('Dockerfile names (as Docker finds them, any letter case)', () => {
  it.each(['Dockerfile', 'dockerfile', 'DOCKERFILE', 'Containerfile', 'containerfile', 'Dockerfile.dev', 'dockerfile.prod', 'api.Dockerfile', 'api.dockerfile'])('%s is one', (name) => {
    expect(isDockerfileName(name)).toBe(true);
  });

  it.each(['Dockerfile.dockerignore', 'api.Dockerfile.dockerignore', '.dockerignore', 'README.md', 'Dockerfiles', 'mydockerfile'])('%s is not', (name) => {
    expect(isDockerfileName(name)).toBe(false);
  });
});
