import { normalizeBuildArgs } from './build-args';

describe('buildArgs in both spellings', () => {
  it('--buildArgs.K=V (an object) as given', () => {
    expect(normalizeBuildArgs({ GOPROXY: 'http://proxy:5001', EMPTY: '', N: 2, CGO: false })).toEqual({ GOPROXY: 'http://proxy:5001', EMPTY: '', N: '2', CGO: 'false' });
  });

  it('--buildArgs=K=V once, or repeated like docker build --build-arg', () => {
    expect(normalizeBuildArgs('GOPROXY=http://proxy:5001')).toEqual({ GOPROXY: 'http://proxy:5001' });
    expect(normalizeBuildArgs(['A=1', 'B=x=y', 'C='])).toEqual({ A: '1', B: 'x=y', C: '' });
  });

  it('keeps a value that Nx split at its commas in one piece', () => {
    expect(normalizeBuildArgs(['GOFLAGS=-tags=a', 'b', 'VERSION=1.2.0'])).toEqual({ GOFLAGS: '-tags=a,b', VERSION: '1.2.0' });
  });

  it('refuses an item that is not KEY=VALUE, saying how to write it', () => {
    expect(() => normalizeBuildArgs(['GOPROXY'])).toThrow('build arg "GOPROXY" is not KEY=VALUE (use --buildArgs=KEY=VALUE, repeatable, or --buildArgs.KEY=VALUE)');
    expect(() => normalizeBuildArgs('=1')).toThrow('is not KEY=VALUE');
  });
});
