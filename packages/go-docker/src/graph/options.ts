/** Options of the go-docker plugin entry in nx.json (`{ plugin: 'go-docker', options: { … } }`). */
export interface GoDockerPluginOptions {
  /** Name of the Dockerfile lint target. Default: docker-lint. */
  lintTargetName?: string;
  /** Name of the image build target. Default: docker-build. */
  buildTargetName?: string;
  /** Name of the target that adds moving tags (git sha, branch) to the built image. Default: docker-tag. */
  tagTargetName?: string;
  /** Name of the target that runs the built image. Default: docker-run. */
  runTargetName?: string;
  /** Name of the host compile target of apps set up with the prebuilt strategy. Default: go-build. */
  goBuildTargetName?: string;
  /** Tags docker-tag adds; a bare tag applies to the built image's repository. Default: {gitShortSha}. */
  moveTags?: string[];
  /** Name of the project-level named input that lists what an image is built from. Default: goDockerImage. */
  imageInputName?: string;
}

export type NormalizedPluginOptions = Required<GoDockerPluginOptions>;

export function normalizePluginOptions(options: GoDockerPluginOptions | undefined): NormalizedPluginOptions {
  return {
    lintTargetName: options?.lintTargetName ?? 'docker-lint',
    buildTargetName: options?.buildTargetName ?? 'docker-build',
    imageInputName: options?.imageInputName ?? 'goDockerImage',
    tagTargetName: options?.tagTargetName ?? 'docker-tag',
    goBuildTargetName: options?.goBuildTargetName ?? 'go-build',
    runTargetName: options?.runTargetName ?? 'docker-run',
    moveTags: options?.moveTags ?? ['{gitShortSha}'],
  };
}
