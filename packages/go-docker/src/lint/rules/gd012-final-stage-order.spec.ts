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

  it('moves a package install across the binary COPY but not a RUN that may read what the COPY wrote', () => {
    const text = `${build}FROM alpine:3\nCOPY --from=build /out/ /app/\nRUN chown -R 1001 /srv\nRUN ./api --version\n`;
    const findings = lint(text);
    expect(findings.map((f) => [f.line, f.fixable])).toEqual([
      [5, true],
      [6, false],
    ]);
    expect(findings[1].message).toMatch(/not fixed automatically: it may use \/srv, which the RUN on line 5 may change/);
  });

  it('does not move a chown/chmod of a directory the binary COPY writes into', () => {
    const text = `${build}FROM alpine:3\nCOPY --from=build /out/api /opt/svc/bin/api\nRUN chmod -R g+rX /opt/svc\n`;
    const findings = lint(text);
    expect(findings).toHaveLength(1);
    expect(findings[0].fixable).toBe(false);
    expect(findings[0].message).toMatch(/may use \/opt\/svc\/bin\/api, which the COPY on line 4 may change/);
    expect(fixSnippet(text, 'GD012')).toBe(text);
  });

  it('reads a RUN mount target as BuildKit does: any key case, dst/destination, quoted fields', () => {
    for (const mount of ['type=cache,target=/opt/svc', 'type=cache,Target=/opt/svc', 'type=cache,dst=/opt/svc', 'type=cache,destination=/opt/svc', '"type=cache","target=/opt/svc"']) {
      const findings = lint(`${build}FROM alpine:3\nCOPY --from=build /out/api /opt/svc/bin/api\nRUN --mount=${mount} true\n`);
      expect([mount, findings.map((f) => f.fixable)]).toEqual([mount, [false]]);
    }
  });

  it('does not move a step across a WORKDIR it depends on', () => {
    const text = `${build}FROM alpine:3\nCOPY --from=build /out/api /usr/local/bin/api\nWORKDIR /data\nRUN touch state.db\n`;
    const findings = lint(text);
    expect(findings.map((f) => [f.line, f.fixable])).toEqual([
      [5, true],
      [6, false],
    ]);
    expect(findings[1].message).toMatch(/depends on the working directory the WORKDIR on line 5 sets/);
    // The WORKDIR moves first; then the RUN, which no longer crosses it, follows.
    expect(fixSnippet(text, 'GD012')).toBe(`${build}FROM alpine:3\nWORKDIR /data\nRUN touch state.db\nCOPY --from=build /out/api /usr/local/bin/api\n`);
  });

  it('never moves a step across ENV/ARG it uses, SHELL, ONBUILD or VOLUME', () => {
    for (const between of ['ENV DIR=/srv', 'ARG DIR', 'SHELL ["/bin/bash", "-c"]', 'VOLUME /data', 'ONBUILD RUN true']) {
      const findings = lint(`${build}FROM alpine:3\nCOPY --from=build /out/api /api\n${between}\nRUN mkdir -p $DIR\n`);
      expect([between, findings.map((f) => f.fixable)]).toEqual([between, [false]]);
    }
  });
});
