import { dockerfile, findingsOf, fixSnippet, GOOD } from '../test-utils/lint-snippet';

const lint = (text: string) => findingsOf('GD012', text);
const build = 'FROM golang:1.26 AS build\nRUN go build -o /out/api .\n';

describe('GD012 final-stage-order', () => {
  it('accepts the binary copied last', () => {
    expect(lint(GOOD)).toEqual([]);
  });

  it('fires on a RUN after the binary and moves it before', () => {
    const text = `${build}FROM alpine:3\nCOPY --from=build /out/api /usr/local/bin/api\n# install tools\nRUN apk add --no-cache curl\nENTRYPOINT ["/usr/local/bin/api"]\n`;
    const findings = lint(text);
    expect(findings.map((f) => f.line)).toEqual([6]);
    expect(fixSnippet(text, 'GD012')).toBe(`${build}FROM alpine:3\n# install tools\nRUN apk add --no-cache curl\nCOPY --from=build /out/api /usr/local/bin/api\nENTRYPOINT ["/usr/local/bin/api"]\n`);
  });

  it('keeps the order of several moved steps and fixes a file without a final newline', () => {
    const text = `${build}FROM alpine:3\nCOPY --from=build /out/api /api\nWORKDIR /data\nCOPY config.yaml /etc/app/`;
    expect(lint(text)).toHaveLength(2);
    const fixed = fixSnippet(text, 'GD012');
    expect(fixed).toBe(`${build}FROM alpine:3\nWORKDIR /data\nCOPY config.yaml /etc/app/\nCOPY --from=build /out/api /api`);
    expect(lint(fixed)).toEqual([]);
  });

  it('does not fire on steps that use the binary, or on metadata', () => {
    expect(lint(`${build}FROM alpine:3\nCOPY --from=build /out/api /usr/local/bin/api\nRUN setcap cap_net_bind_service=+ep /usr/local/bin/api\nUSER 1001\nEXPOSE 80\n`)).toEqual([]);
  });

  it('treats certificates copied after the binary as a finding', () => {
    expect(lint(`${build}FROM scratch\nCOPY --from=build /out/api /api\nCOPY --from=build /etc/ssl/certs /etc/ssl/certs\n`)).toHaveLength(1);
  });

  it('does not move a RUN across USER (no fix, still reported)', () => {
    const findings = lint(`${build}FROM alpine:3\nCOPY --from=build /out/api /api\nUSER 1001\nRUN mkdir /tmp/x\n`);
    expect(findings).toHaveLength(1);
    expect(findings[0].fixable).toBe(false);
  });

  it('uses the last COPY in prebuilt Dockerfiles', () => {
    const text = dockerfile(`
      FROM gcr.io/distroless/static-debian12:nonroot
      COPY dist/linux_amd64/api /usr/local/bin/api
      WORKDIR /data
    `);
    expect(lint(text)).toHaveLength(1);
    expect(lint('FROM node:22\nCOPY package.json ./\nRUN npm ci\n')).toEqual([]);
  });
});
