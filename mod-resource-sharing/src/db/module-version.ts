// Module ids as Okapi sends them in the tenant API: "mod-resource-sharing-1.2.3" (or with a
// pre-release suffix such as "-SNAPSHOT.42"). Only the numeric major.minor.patch is compared.

export type Semver = [number, number, number];

export function versionOf(moduleId: string | undefined | null): Semver | null {
  if (!moduleId) return null;
  const m = /(\d+)\.(\d+)\.(\d+)(?:[-+][0-9A-Za-z.-]*)?$/.exec(moduleId);
  if (!m) return null;
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

export function compareVersions(a: Semver, b: Semver): number {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}
