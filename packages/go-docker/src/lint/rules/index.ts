/** The rule registry: every rule module, in id order. */
import { Rule } from '../rule';
import { rule as goModDownloadFirst } from './gd001-go-mod-download-first';
import { rule as bindMountSources } from './gd002-bind-mount-sources';
import { rule as goCacheMounts } from './gd003-go-cache-mounts';
import { rule as noHardcodedGoosGoarch } from './gd004-no-hardcoded-goos-goarch';
import { rule as buildOnBuildplatform } from './gd005-build-on-buildplatform';
import { rule as minimalRuntimeBase } from './gd006-minimal-runtime-base';
import { rule as qualifiedImage } from './gd007-qualified-image';
import { rule as stripDebugSymbols } from './gd008-strip-debug-symbols';
import { rule as nonRootUser } from './gd009-non-root-user';
import { rule as dockerignore } from './gd010-dockerignore';
import { rule as scratchEssentials } from './gd011-scratch-essentials';
import { rule as finalStageOrder } from './gd012-final-stage-order';
import { rule as cgoDisabled } from './gd013-cgo-disabled';
import { rule as pinnedImageTag } from './gd014-pinned-image-tag';
import { rule as noSecretsInArgEnv } from './gd015-no-secrets-in-arg-env';
import { rule as trimpath } from './gd016-trimpath';

export const RULES: readonly Rule[] = [
  goModDownloadFirst, bindMountSources, goCacheMounts, noHardcodedGoosGoarch, buildOnBuildplatform, minimalRuntimeBase,
  qualifiedImage, stripDebugSymbols, nonRootUser, dockerignore, scratchEssentials, finalStageOrder, cgoDisabled,
  pinnedImageTag, noSecretsInArgEnv, trimpath,
];

export const RULES_BY_ID: ReadonlyMap<string, Rule> = new Map(RULES.map((r) => [r.id, r]));

/** Rule id from an id or a name (`GD007`, `gd007`, `qualified-image`). */
export function findRule(idOrName: string): Rule | undefined {
  const key = idOrName.trim();
  return RULES_BY_ID.get(key.toUpperCase()) ?? RULES.find((r) => r.name === key.toLowerCase());
}
