import { parseMount } from './arguments';

describe('parseMount', () => {
  it('splits plain fields', () => {
    expect(parseMount('type=cache,target=/go/pkg/mod')).toEqual({ type: 'cache', target: '/go/pkg/mod', source: undefined, from: undefined });
  });

  it('reads a CSV-quoted field whole: commas inside are data, "" is one quote', () => {
    const mount = parseMount('type=bind,"source=libs/a,b ""q""/go.mod","target=/src/libs/a,b ""q""/go.mod"');
    expect(mount.source).toBe('libs/a,b "q"/go.mod');
    expect(mount.target).toBe('/src/libs/a,b "q"/go.mod');
  });

  it('keeps quoted values inside a field', () => {
    expect(parseMount('type=bind,source="a b",target=/src').source).toBe('a b');
  });
});
