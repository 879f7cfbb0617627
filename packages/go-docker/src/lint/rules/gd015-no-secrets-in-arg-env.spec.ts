import { findingsOf, GOOD } from '../test-utils/lint-snippet';

const lint = (text: string) => findingsOf('GD015', text);

describe('GD015 no-secrets-in-arg-env', () => {
  it('accepts ordinary names', () => {
    expect(lint(GOOD)).toEqual([]);
    expect(lint('FROM scratch\nARG GOPROXY\nENV GPG_KEY=ABCD TOKEN_FILE=/run/secrets/t PUBLIC_KEY=x SSH_KEY_PATH=/k\n')).toEqual([]);
  });

  it.each(['GITHUB_TOKEN', 'DB_PASSWORD', 'AWS_SECRET_ACCESS_KEY', 'STRIPE_API_KEY', 'SIGNING_KEY', 'NPM_AUTH_TOKEN'])('fires on %s', (name) => {
    expect(lint(`FROM scratch\nARG ${name}\n`)).toHaveLength(1);
    expect(lint(`ARG ${name}=x\nFROM scratch\nENV ${name}=x\n`)).toHaveLength(2);
  });

  it('points at each name of a multi-name ARG', () => {
    const findings = lint('FROM scratch\nARG A=1 GITHUB_TOKEN B NPM_TOKEN=x\n');
    expect(findings.map((f) => f.column)).toEqual([9, 24]);
  });
});
