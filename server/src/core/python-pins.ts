// The Python package versions a file runs on, as its manifests bound them. Two apps of one repository
// (`apps/a/requirements.txt`, `apps/b/requirements.txt`) are installed apart: each file is judged by the manifests of
// its own app, the nearest directory above it that holds a Python manifest.
import * as path from 'node:path';
import { compareVersions, isPythonLockfile, type VersionCeiling } from './manifests';

/** What the engine reads from one manifest. */
export interface ManifestFacts {
  dependencies: Set<string>;
  ceilings: Map<string, VersionCeiling>;
  floors: Map<string, string>;
}

/** Version bounds of Python packages, each with the manifest it comes from. */
export interface PythonPins {
  /** Packages every manifest that names them bounds from above (`==0.1.20`, `<0.3`, `^0.1`), or a lockfile installs. */
  ceilings: Map<string, VersionCeiling & { manifest: string }>;
  /** The oldest release some manifest declares a lower bound for (`>=0.1.7`), or a lockfile installs. */
  floors: Map<string, { version: string; manifest: string }>;
}

/** Files that make a directory a Python project's root: the manifests read for pins, and setup.py (not read). */
const PYTHON_MANIFEST = /^(requirements[\w.-]*\.txt|pyproject\.toml|Pipfile|setup\.py|uv\.lock|poetry\.lock)$/;

export function isPythonManifest(p: string): boolean {
  return PYTHON_MANIFEST.test(path.basename(p));
}

/** The bounds that a set of manifests puts together. */
export function pinsOf(manifests: ReadonlyArray<readonly [string, ManifestFacts]>): PythonPins {
  const dependencies = new Set<string>();
  for (const [, m] of manifests) m.dependencies.forEach((d) => dependencies.add(d));
  // A package bounded in one manifest and free in another may be installed at any version.
  const ceilings = new Map<string, VersionCeiling & { manifest: string }>();
  const unbounded = new Set<string>();
  for (const [p, m] of manifests) {
    for (const d of m.dependencies) {
      const c = m.ceilings.get(d);
      if (!c) unbounded.add(d);
      else if (!ceilings.has(d) || compareVersions(c.version, ceilings.get(d)!.version) > 0) ceilings.set(d, { ...c, manifest: p });
    }
  }
  for (const d of unbounded) ceilings.delete(d);
  // A lockfile (uv.lock, poetry.lock) says which version a declared package is installed at, whatever range the
  // manifest allows (`langchain-openai>=0.3.32` locked at 0.3.32); the newest of several locks counts.
  const locked = new Map<string, VersionCeiling & { manifest: string }>();
  for (const [p, m] of manifests) {
    if (!isPythonLockfile(p)) continue;
    for (const [d, c] of m.ceilings) {
      if (dependencies.has(d) && (!locked.has(d) || compareVersions(c.version, locked.get(d)!.version) > 0)) locked.set(d, { ...c, manifest: p });
    }
  }
  for (const [d, c] of locked) ceilings.set(d, c);
  // The oldest release some manifest says the project runs on; a lockfile's version wins, as for the ceilings.
  const floors = new Map<string, { version: string; manifest: string }>();
  for (const [p, m] of manifests) {
    for (const [d, v] of m.floors) {
      if (m.dependencies.has(d) && (!floors.has(d) || compareVersions(v, floors.get(d)!.version) < 0)) floors.set(d, { version: v, manifest: p });
    }
  }
  for (const [d, c] of locked) floors.set(d, { version: c.version, manifest: c.manifest });
  return { ceilings, floors };
}

/**
 * The pins for the files of each directory: those of the nearest directory at or above it (up to `root`) that holds a
 * Python manifest, with, for a pyproject.toml project without a lockfile of its own, the nearest lockfile above it (a
 * uv workspace locks its members at its root); the workspace-wide pins when no Python manifest is above it. A directory whose only manifest is a
 * setup.py, which is not read, has no pins: a sibling app's are not its own.
 */
export function pinsByDirectory(
  root: string,
  manifests: ReadonlyMap<string, ManifestFacts>,
  projectRoots: Iterable<string>,
  workspaceWide: () => PythonPins,
): (file: string) => PythonPins {
  const inDirectory = new Map<string, Array<[string, ManifestFacts]>>();
  for (const [p, m] of manifests) {
    if (!isPythonManifest(p)) continue;
    const dir = path.dirname(p);
    if (!inDirectory.has(dir)) inDirectory.set(dir, []);
    inDirectory.get(dir)!.push([p, m]);
  }
  const roots = new Set([...projectRoots, ...inDirectory.keys()]);
  const byDirectory = new Map<string, PythonPins>();
  const above = (dir: string, test: (d: string) => boolean): string | null => {
    for (let d = dir; isWithin(d, root); d = path.dirname(d)) {
      if (test(d)) return d;
      if (d === path.dirname(d)) break;
    }
    return null;
  };
  return (file) => {
    const dir = path.dirname(path.resolve(file));
    const project = above(dir, (d) => roots.has(d));
    if (!project) return workspaceWide();
    let pins = byDirectory.get(project);
    if (!pins) {
      const own = inDirectory.get(project) ?? [];
      // Only a pyproject project can be a member of a workspace locked above it; requirements files install on their own.
      const member = own.some(([p]) => path.basename(p) === 'pyproject.toml') && !own.some(([p]) => isPythonLockfile(p));
      const lockDir = member ? above(path.dirname(project), (d) => (inDirectory.get(d) ?? []).some(([p]) => isPythonLockfile(p))) : null;
      const locks = lockDir ? inDirectory.get(lockDir)!.filter(([p]) => isPythonLockfile(p)) : [];
      pins = pinsOf([...own, ...locks]);
      byDirectory.set(project, pins);
    }
    return pins;
  };
}

function isWithin(dir: string, root: string): boolean {
  return dir === root || dir.startsWith(root + path.sep);
}
