/** Options of the go-docker plugin entry in nx.json (`{ plugin: 'go-docker', options: { … } }`). */
export interface GoDockerPluginOptions {
  /** Name of the Dockerfile lint target. Default: docker-lint. */
  lintTargetName?: string;
  /** Name of the image build target. Default: docker-build. */
  buildTargetName?: string;
  /** Name of the project-level named input that lists what an image is built from. Default: goDockerImage. */
  imageInputName?: string;
}

export type NormalizedPluginOptions = Required<GoDockerPluginOptions>;

export function normalizePluginOptions(options: GoDockerPluginOptions | undefined): NormalizedPluginOptions {
  return {
    lintTargetName: options?.lintTargetName ?? 'docker-lint',
    buildTargetName: options?.buildTargetName ?? 'docker-build',
    imageInputName: options?.imageInputName ?? 'goDockerImage',
  };
}
