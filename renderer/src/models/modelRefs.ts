import type { ModelSummary, ModelVersion } from '../../../shared/domain';

/** Every version of every model, newest version of each model first. */
export function flattenVersions(models: readonly ModelSummary[]): ModelVersion[] {
  return models.flatMap((model) => [...model.versions].sort((a, b) => b.version - a.version));
}

/** `name@version`, the reference the playground sends as `model`. */
export function versionRef(version: { name: string; version: number }): string {
  return `${version.name}@${version.version}`;
}
