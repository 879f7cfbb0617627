import { isScratch } from '../model/base-images';
import { lineage, rootImage } from '../model/dockerfile-model';
import { isCompile } from '../model/go-invocations';
import { parseCopy } from '../parser/arguments';
import { Rule } from '../rule';
import { instructionRange, report } from './helpers';

const CA_BUNDLE = /ca-certificates\.crt|\/etc\/ssl\/certs|ca-bundle\.crt|\/etc\/ssl\/cert\.pem/;
const ZONEINFO_DIR = /\/usr\/share\/zoneinfo/;
const TIMETZDATA_TAG = /(^|[,\s])timetzdata([,\s]|$)/;

export const rule: Rule = {
  id: 'GD011',
  name: 'scratch-essentials',
  defaultSeverity: 'error',
  summary: 'A `FROM scratch` final stage needs a CA certificate bundle and time zone data.',
  fixable: false,
  docs: `
\`scratch\` is empty. Without \`/etc/ssl/certs/ca-certificates.crt\` every HTTPS call fails with
\`x509: certificate signed by unknown authority\`; without zoneinfo \`time.LoadLocation("Europe/Paris")\`
fails at run time.

Fires on a final stage based on \`scratch\` that copies no CA bundle (\`/etc/ssl/certs/ca-certificates.crt\`
or \`/etc/ssl/certs\`) or no zoneinfo. Zoneinfo counts as present when \`/usr/share/zoneinfo\` is copied,
or a Go \`zoneinfo.zip\` is copied together with \`ENV ZONEINFO=…\`, or a Go build uses \`-tags timetzdata\`.

\`\`\`Dockerfile
FROM scratch
COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
COPY --from=build /usr/local/go/lib/time/zoneinfo.zip /zoneinfo.zip
ENV ZONEINFO=/zoneinfo.zip
\`\`\`

Default severity **error**: the service breaks at run time the first time it needs TLS or a time zone.
`,
  check(context) {
    const final = context.model.finalStage;
    if (!final || !isScratch(rootImage(final).image)) return;
    const chain = lineage(final);
    const paths = chain.flatMap((s) =>
      s.instructions.filter((i) => i.keyword === 'COPY' || i.keyword === 'ADD').flatMap((i) => {
        const copy = parseCopy(i);
        return [...copy.sources, copy.destination ?? ''];
      }),
    );
    const range = instructionRange(final.from);
    if (!paths.some((p) => CA_BUNDLE.test(p))) {
      context.report(report(range, 'FROM scratch without a CA bundle: HTTPS will fail; COPY --from=<build> /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/'));
    }
    const zoneinfoZip = paths.some((p) => p.includes('zoneinfo.zip')) && chain.some((s) => s.variables.has('ZONEINFO'));
    const tzdataTag = context.model.stages.some((s) =>
      s.goInvocations.some((g) => isCompile(g) && (g.flags.some((f) => f.name === 'tags' && TIMETZDATA_TAG.test(f.value ?? '')) || /timetzdata/.test(g.env.get('GOFLAGS') ?? ''))),
    );
    if (!paths.some((p) => ZONEINFO_DIR.test(p)) && !zoneinfoZip && !tzdataTag) {
      context.report(report(range, 'FROM scratch without time zone data: time.LoadLocation will fail; copy /usr/share/zoneinfo, or zoneinfo.zip with ENV ZONEINFO, or build with -tags timetzdata'));
    }
  },
};
