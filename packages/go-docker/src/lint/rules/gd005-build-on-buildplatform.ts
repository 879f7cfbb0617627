import { lineage, runsGoToolchain, Stage } from '../model/dockerfile-model';
import { Rule } from '../rule';
import { argumentRange, report } from './helpers';

export const rule: Rule = {
  id: 'GD005',
  name: 'build-on-buildplatform',
  defaultSeverity: 'warning',
  summary: 'Run Go build stages on `--platform=$BUILDPLATFORM` and cross-compile; never pin FROM --platform to a constant.',
  fixable: false,
  docs: `
Go cross-compiles natively. A build stage without \`--platform=$BUILDPLATFORM\` runs once per target
platform, under QEMU emulation for foreign architectures: 5–20× slower, sometimes crashing.
A constant \`--platform=linux/amd64\` forces that platform for every target of a multi-arch build.

Fires on a non-final stage that runs \`go build\` and is not (directly or through the stage it is built
\`FROM\`) on \`$BUILDPLATFORM\`, and on any \`FROM --platform=<constant>\` in a Dockerfile that runs the Go
toolchain (Dockerfiles that only copy a prebuilt binary get runtime rules only).

**cgo exception**: a build stage that sets \`CGO_ENABLED=1\` is exempt: cgo needs a C toolchain for the
target, so such builds legitimately run on the target platform under emulation.

\`\`\`Dockerfile
FROM --platform=$BUILDPLATFORM docker.io/library/golang:1.26 AS build
\`\`\`

Default severity **warning**: the image is right, the build is slow.
`,
  check(context) {
    const stages = context.model.stages;
    if (!stages.some(runsGoToolchain)) return;
    const reported = new Set<Stage>();
    for (const stage of stages) {
      const platform = stage.fromArgs.platform;
      if (platform && platform.value !== undefined && !platform.value.includes('$')) {
        reported.add(stage);
        context.report(
          report(argumentRange(stage.from, platform.word), `FROM --platform is pinned to "${platform.value}"; use $BUILDPLATFORM for build stages (or no --platform for runtime stages)`),
        );
      }
    }
    for (const stage of stages) {
      if (stage === context.model.finalStage || reported.has(stage)) continue;
      const builds = stage.goInvocations.filter((g) => g.subcommand === 'build');
      if (builds.length === 0 || builds.some((g) => g.env.get('CGO_ENABLED') === '1')) continue;
      const platform = lineage(stage).find((s) => s.fromArgs.platform)?.fromArgs.platform?.value ?? '';
      if (/\$\{?BUILD(PLATFORM|OS|ARCH)/.test(platform)) continue;
      const image = stage.fromArgs.image;
      context.report(
        report(
          image ? argumentRange(stage.from, image) : { start: stage.from.start, end: stage.from.end },
          `build stage${stage.name ? ` "${stage.name}"` : ''} runs \`go build\` on the target platform (emulated for foreign arches); use \`FROM --platform=$BUILDPLATFORM\` and GOOS/GOARCH from $TARGETOS/$TARGETARCH`,
        ),
      );
    }
  },
};
