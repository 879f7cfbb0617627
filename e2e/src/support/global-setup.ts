import { publishPlugin, startLocalRegistry } from './local-registry';
import { childEnv, templateWorkspace } from './nx-workspace';

/** Starts the local registry, publishes the freshly built plugin and makes the template workspace. */
export default async function globalSetup(): Promise<void> {
  const registry = await startLocalRegistry();
  (globalThis as { goDockerRegistry?: unknown }).goDockerRegistry = registry.process;
  Object.assign(process.env, registry.env);
  publishPlugin(registry);
  templateWorkspace(childEnv(registry.env));
}
