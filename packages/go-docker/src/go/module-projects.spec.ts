import { dockerSafeName } from './module-projects';

/** Docker's grammar for one repository path component (distribution/reference). */
const DOCKER_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*$/;

describe('dockerSafeName', () => {
  it.each([
    [['café'], 'cafe'],
    [['Crème Brûlée'], 'creme-brulee'],
    [['straße'], 'strasse'],
    [['Ørsted', 'Łódź'], 'orsted-lodz'],
    [['client', 'pkg'], 'client-pkg'],
    [['My_App'], 'my_app'],
    [['a..b', '-x-'], 'a-b-x'],
    [['api.v2'], 'api.v2'],
    [['a___b'], 'a-b'],
    [['__init'], 'init'],
  ])('%j → %s', (segments, expected) => {
    expect(dockerSafeName(segments)).toBe(expected);
  });

  it('writes other scripts in their IDNA ASCII form, distinct per word', () => {
    const chinese = dockerSafeName(['服务']);
    const japanese = dockerSafeName(['サービス']);
    expect(chinese).toMatch(/^xn--[a-z0-9]+$/);
    expect(japanese).toMatch(/^xn--[a-z0-9]+$/);
    expect(chinese).not.toBe(japanese);
    expect(dockerSafeName(['api', '服务'])).toBe(`api-${chinese}`);
  });

  it('always gives a valid Docker repository component', () => {
    for (const segments of [['café'], ['服务'], ['🚀'], ['...'], ['$HOME'], ['a b', 'c"d'], ["it's"], ['Ω-Ω'], ['']]) {
      expect(dockerSafeName(segments)).toMatch(DOCKER_COMPONENT);
    }
  });
});
