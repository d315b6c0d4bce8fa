import * as path from 'node:path';

const MANIFEST_NAMES = /^(package\.json|requirements[\w.-]*\.txt|pyproject\.toml|Pipfile)$/;

/** Dependency manifests the engine reads to know which SDKs and instrumentation a workspace uses. */
export function isManifest(p: string): boolean {
  return MANIFEST_NAMES.test(path.basename(p)) && !p.split(path.sep).includes('node_modules');
}

/** Package names a manifest declares; malformed manifests give an empty set. */
export function readManifestDependencies(p: string, text: string): Set<string> {
  const name = path.basename(p);
  const deps = new Set<string>();
  if (name === 'package.json') {
    try {
      const json = JSON.parse(text) as Record<string, unknown>;
      for (const key of ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies']) {
        const section = json[key];
        if (section && typeof section === 'object') Object.keys(section).forEach((d) => deps.add(d));
      }
    } catch {
      // A half-written package.json declares nothing yet.
    }
    return deps;
  }
  // requirements.txt, pyproject.toml and Pipfile: take every token that looks like a requirement name.
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*["']?([A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?\s*(==|>=|<=|~=|!=|>|<|=|;|"|'|$|,|\s)/.exec(line);
    if (m && !line.trim().startsWith('#') && !line.trim().startsWith('[')) deps.add(m[1].toLowerCase().replace(/_/g, '-'));
  }
  return deps;
}
