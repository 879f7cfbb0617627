import { dockerfile, findingsOf } from '../test-utils/lint-snippet';

const lint = (text: string) => findingsOf('GD011', text);
const build = 'FROM golang:1.26 AS build\nRUN go build -o /app .\n';

describe('GD011 scratch-essentials', () => {
  it('accepts certificates and /usr/share/zoneinfo', () => {
    expect(lint(dockerfile(`
      FROM scratch
      COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
      COPY --from=build /usr/share/zoneinfo /usr/share/zoneinfo
    `))).toEqual([]);
  });

  it('accepts zoneinfo.zip with ENV ZONEINFO, and -tags timetzdata', () => {
    expect(lint('FROM scratch\nCOPY --from=b /etc/ssl/certs /etc/ssl/certs\nCOPY --from=b /usr/local/go/lib/time/zoneinfo.zip /z.zip\nENV ZONEINFO=/z.zip\n')).toEqual([]);
    expect(lint('FROM golang:1.26 AS b\nRUN go build -tags netgo,timetzdata -o /app .\nFROM scratch\nCOPY --from=b /etc/ssl/certs /etc/ssl/certs\n')).toEqual([]);
  });

  it('fires on zoneinfo.zip without ENV ZONEINFO', () => {
    const findings = lint('FROM scratch\nCOPY --from=b /etc/ssl/certs /etc/ssl/certs\nCOPY --from=b /usr/local/go/lib/time/zoneinfo.zip /z.zip\n');
    expect(findings.map((f) => f.message)).toEqual([expect.stringContaining('time zone')]);
  });

  it('fires twice on a bare scratch stage', () => {
    expect(lint(`${build}FROM scratch\nCOPY --from=build /app /app\n`)).toHaveLength(2);
  });

  it('ignores non-scratch final stages', () => {
    expect(lint(`${build}FROM gcr.io/distroless/static-debian12\nCOPY --from=build /app /app\n`)).toEqual([]);
  });
});
