import { findingsOf, GOOD } from '../test-utils/lint-snippet';

const lint = (text: string) => findingsOf('GD009', text);

describe('GD009 non-root-user', () => {
  it.each(['1001:1001', '65532', '65532:65532'])('accepts USER %s', (user) => {
    expect(lint(`FROM scratch\nUSER ${user}\n`)).toEqual([]);
  });

  it('accepts the reference Dockerfile', () => {
    expect(lint(GOOD)).toEqual([]);
  });

  it.each([
    ['no USER', 'FROM scratch\nCOPY app /app\n', /sets no USER/],
    ['root', 'FROM scratch\nUSER root\n', /root/],
    ['0:0', 'FROM scratch\nUSER 0:0\n', /root/],
    ['1000', 'FROM scratch\nUSER 1000:1000\n', /1000/],
    ['a name', 'FROM scratch\nUSER nonroot\n', /not numeric/],
    ['root after a non-root user', 'FROM scratch\nUSER 1001\nUSER root\n', /root/],
  ])('fires on %s', (_what, text, message) => {
    const findings = lint(text);
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toMatch(message);
  });

  it('only looks at the final stage, including the stage it is built FROM', () => {
    expect(lint('FROM golang:1.26 AS build\nFROM scratch AS base\nUSER 1001\nFROM base\n')).toEqual([]);
  });

  it('says nothing about a user from a build arg', () => {
    expect(lint('FROM scratch\nARG UID\nUSER ${UID}\n')).toEqual([]);
    expect(lint('FROM scratch\nARG UID=0\nUSER ${UID}\n')).toHaveLength(1);
  });
});
