import * as path from 'node:path';

const MANIFEST_NAMES = /^(package\.json|requirements[\w.-]*\.txt|pyproject\.toml|Pipfile|uv\.lock|poetry\.lock)$/;
/** Python lockfiles: the versions installed, for packages some manifest declares (not dependencies themselves). */
const PYTHON_LOCKFILES = /^(uv\.lock|poetry\.lock)$/;

export function isPythonLockfile(p: string): boolean {
  return PYTHON_LOCKFILES.test(path.basename(p));
}

/** Dependency manifests the engine reads to know which SDKs and instrumentation a workspace uses. */
export function isManifest(p: string): boolean {
  return MANIFEST_NAMES.test(path.basename(p)) && !p.split(path.sep).includes('node_modules');
}

/** tsconfig.json / jsconfig.json: read for the import aliases (`paths`, `baseUrl`) they define. */
export function isModuleConfig(p: string): boolean {
  return /^(tsconfig|jsconfig)([.\w-]*)\.json$/.test(path.basename(p)) && !p.split(path.sep).includes('node_modules');
}

/** A LangGraph Platform config: the graphs it names are served per run (the Python front end reads it). */
export function isLangGraphConfig(p: string): boolean {
  return path.basename(p) === 'langgraph.json' && !p.split(path.sep).includes('node_modules');
}

/** Package names a manifest declares; malformed manifests give an empty set. */
export function readManifestDependencies(p: string, text: string): Set<string> {
  const name = path.basename(p);
  const deps = new Set<string>();
  // A lockfile lists every transitive package: what the project declares is in its manifests.
  if (isPythonLockfile(p)) return deps;
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
  // pyproject.toml arrays written on one line: `dependencies = ["openai>=1.0", "langchain-openai==0.1.20"]`.
  if (name === 'pyproject.toml') for (const r of quotedRequirements(text)) deps.add(r.name);
  return deps;
}

/** PEP 508 requirement strings inside a pyproject's arrays (`"langchain-openai>=0.1,<0.2"`), with their specifiers. */
function quotedRequirements(text: string): Array<{ name: string; spec: string }> {
  const out: Array<{ name: string; spec: string }> = [];
  for (const line of text.split(/\r?\n/)) {
    if (line.trim().startsWith('#') || !/=\s*\[|^\s*["']/.test(line)) continue;
    for (const m of line.matchAll(/["']([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?\s*((?:==|>=|<=|~=|!=|>|<)[^"';]*)?(?:;[^"']*)?["']/g)) {
      out.push({ name: m[1].toLowerCase().replace(/_/g, '-'), spec: m[2] ?? '' });
    }
  }
  return out;
}

/** The highest version a requirement allows: `==0.1.20` → 0.1.20; `<0.3` → below 0.3; `~=0.1.20`, `^0.1.20` → below 0.2. */
export interface VersionCeiling {
  version: string;
  /** The bound itself is excluded (`<0.3`, and the next release line of `~=` / `^`). */
  exclusive: boolean;
}

/** `langchain-openai==0.1.20`, `"langchain-openai>=0.1,<0.2",`, Poetry / Pipfile `langchain-openai = "^0.1.20"`: name, specifier. */
const REQUIREMENT_LINE = /^["']?([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?\s*(?:=\s*["'{]\s*(?:version\s*=\s*["'])?)?([^"'#;}]*)/;

/**
 * Upper bounds on Python requirements (requirements*.txt, pyproject.toml, Pipfile, Poetry tables), by normalised
 * name. A requirement with no upper bound is absent: whatever is newest may be installed.
 */
export function readVersionCeilings(p: string, text: string): Map<string, VersionCeiling> {
  if (path.basename(p) === 'package.json') return new Map();
  if (isPythonLockfile(p)) return lockedVersions(text);
  return requirementBounds(p, text, ceilingOf);
}

/**
 * Lower bounds on Python requirements (`>=0.1.7`, `==0.1.8`, `~=0.1.7`, Poetry `^0.1.7` or a bare `0.1.7`), by
 * normalised name: the oldest release the manifest says the project runs on. A requirement with no lower bound
 * (`langchain-openai`, `<0.2`) is absent: what gets installed is the newest it allows. A lockfile's versions are read
 * once, as its ceilings (readVersionCeilings), and the workspace view makes them the floors too.
 */
export function readVersionFloors(p: string, text: string): Map<string, string> {
  if (path.basename(p) === 'package.json' || isPythonLockfile(p)) return new Map();
  return requirementBounds(p, text, floorOf);
}

/**
 * A bound of each requirement of a Python manifest that has one, by normalised name: the lines of requirements*.txt,
 * Pipfile and Poetry tables, then (in pyproject.toml) the quoted PEP 508 strings of lists a line did not give.
 */
function requirementBounds<T>(p: string, text: string, boundOf: (spec: string) => T | null): Map<string, T> {
  const out = new Map<string, T>();
  for (const line of text.split(/\r?\n/)) {
    const t = line.trim();
    if (!t || t.startsWith('#') || t.startsWith('[')) continue;
    const m = REQUIREMENT_LINE.exec(t);
    const bound = m ? boundOf(m[2]) : null;
    if (m && bound) out.set(m[1].toLowerCase().replace(/_/g, '-'), bound);
  }
  if (path.basename(p) === 'pyproject.toml') {
    for (const r of quotedRequirements(text)) {
      const bound = r.spec ? boundOf(r.spec) : null;
      if (bound && !out.has(r.name)) out.set(r.name, bound);
    }
  }
  return out;
}

/** The highest lower bound of a specifier (`>=0.1.7,<0.2` → 0.1.7); `<`, `<=` and `!=` set none. */
function floorOf(spec: string): string | null {
  let best: string | null = null;
  for (const part of spec.split(',')) {
    const m = /^\s*(==|>=|>|~=|\^|~)?\s*v?(\d+(?:\.\d+)*)(?:\.\*)?\s*$/.exec(part);
    if (m && (!best || compareVersions(m[2], best) > 0)) best = m[2];
  }
  return best;
}

/**
 * Whether a declared Python requirement lets a release older than `version` be installed: its lower bound is older
 * (`>=0.1.7,<0.2` for 0.1.9), or every release it allows is (`<2.0` for 3.0.1).
 */
export function admitsOlderThan(version: string, floor: string | undefined, ceiling: VersionCeiling | undefined): boolean {
  return (floor !== undefined && compareVersions(floor, version) < 0) || (ceiling !== undefined && ceilingBelow(ceiling, version));
}

/** `[[package]]` tables of uv.lock / poetry.lock: each package's name and the exact version installed. */
function lockedVersions(text: string): Map<string, VersionCeiling> {
  const out = new Map<string, VersionCeiling>();
  for (const block of text.split(/^\[\[package\]\][ \t]*$/m).slice(1)) {
    const body = block.split(/^\[/m)[0];
    const name = /^name\s*=\s*"([^"]+)"/m.exec(body)?.[1];
    const version = /^version\s*=\s*"v?(\d+(?:\.\d+)*)[^"]*"/m.exec(body)?.[1];
    if (name && version) out.set(name.toLowerCase().replace(/[_.]/g, '-'), { version, exclusive: false });
  }
  return out;
}

function ceilingOf(spec: string): VersionCeiling | null {
  let best: VersionCeiling | null = null;
  for (const part of spec.split(',')) {
    // A bare version (`langchain-openai = "0.1.20"` in Poetry or a Pipfile) is an exact pin.
    const m = /^\s*(==|<=|<|~=|\^|~)?\s*v?(\d+(?:\.\d+)*)(?:\.\*)?\s*$/.exec(part);
    if (!m) continue;
    const [, op = '==', v] = m;
    const nums = v.split('.').map(Number);
    let c: VersionCeiling;
    if (op === '==' || op === '<=') c = { version: v, exclusive: false };
    else if (op === '<') c = { version: v, exclusive: true };
    else if (op === '~=') c = { version: nums.length > 1 ? [...nums.slice(0, -2), nums[nums.length - 2] + 1].join('.') : String(nums[0] + 1), exclusive: true };
    else if (op === '~') c = { version: nums.length > 1 ? [nums[0], nums[1] + 1].join('.') : String(nums[0] + 1), exclusive: true };
    else {
      // Poetry caret: the first non-zero component may not change.
      const i = nums.findIndex((n) => n !== 0);
      const at = i < 0 ? nums.length - 1 : i;
      c = { version: [...nums.slice(0, at), nums[at] + 1].join('.'), exclusive: true };
    }
    if (!best || compareVersions(c.version, best.version) < 0) best = c;
  }
  return best;
}

/**
 * The oldest release each npm dependency of a package.json allows (`^10.30.1` → 10.30.1, `>=10.28` → 10.28,
 * `10.x` → 10); `*`, `latest` and other tags allow any and are left out.
 */
export function readNpmFloors(p: string, text: string): Map<string, string> {
  const out = new Map<string, string>();
  if (path.basename(p) !== 'package.json') return out;
  try {
    const json = JSON.parse(text) as Record<string, Record<string, unknown> | undefined>;
    for (const deps of [json.dependencies, json.devDependencies]) {
      for (const [name, spec] of Object.entries(deps ?? {})) {
        const floor = typeof spec === 'string' ? npmFloor(spec) : null;
        if (floor && !out.has(name)) out.set(name, floor);
      }
    }
  } catch {
    // A half-written package.json allows anything.
  }
  return out;
}

/** The oldest release an npm range allows (`^10.30.1` → 10.30.1, `>=10.28` → 10.28, `10.x` → 10), or null for a tag. */
function npmFloor(spec: string): string | null {
  return /^[\^~>=v\s]*(\d+(?:\.\d+){0,2})/.exec(spec)?.[1] ?? null;
}

/** Compares dotted numeric versions (`0.3.35` vs `0.3.4`). */
export function compareVersions(a: string, b: string): number {
  const x = a.split('.').map(Number);
  const y = b.split('.').map(Number);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** The ceiling lies below `version`: every version the requirement allows is older. */
export function ceilingBelow(c: VersionCeiling, version: string): boolean {
  const d = compareVersions(c.version, version);
  return d < 0 || (d === 0 && c.exclusive);
}

/** The range the nearest package.json above `file` (up to `root`) gives an npm package, with that manifest's path. */
function declaredNpmSpec(readText: (p: string) => string | undefined, root: string, file: string, pkg: string): { spec: string; manifest: string } | null {
  for (let dir = path.dirname(file); dir.startsWith(root); dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    const text = readText(manifest);
    if (text !== undefined) {
      try {
        const json = JSON.parse(text) as Record<string, Record<string, string> | undefined>;
        const spec = json.dependencies?.[pkg] ?? json.devDependencies?.[pkg];
        if (spec) return { spec, manifest };
      } catch {
        // Not JSON (half-written): look further up.
      }
    }
    if (dir === path.dirname(dir)) break;
  }
  return null;
}

/**
 * The major version the nearest package.json above `file` (up to `root`) allows for an npm package (`^1.3.22` → 1,
 * `0.0.66` → 0), or null when no package.json there names it or its range does not start with a number.
 */
export function declaredNpmMajor(readText: (p: string) => string | undefined, root: string, file: string, pkg: string): number | null {
  const declared = declaredNpmSpec(readText, root, file, pkg);
  const floor = declared ? npmFloor(declared.spec) : null;
  return floor ? Number(floor.split('.')[0]) : null;
}

/**
 * The newest release the nearest package.json's range allows (`^0.0.28` → 0.0.28 itself, `^0.1.3` → below 0.2,
 * `~1.2.0` → below 1.3), with the manifest; null for an open range (`>=0.1`, `*`, a tag).
 */
export function declaredNpmCeiling(readText: (p: string) => string | undefined, root: string, file: string, pkg: string): (VersionCeiling & { manifest: string; spec: string }) | null {
  const declared = declaredNpmSpec(readText, root, file, pkg);
  // A prerelease (`^0.6.0-alpha.3`, what `npm install pkg@next` writes) has the ceiling of its release: it sorts
  // below it, and a caret or tilde range ends where the release's own does.
  const ceiling = declared && !/[><*x|]/.test(declared.spec) ? ceilingOf(declared.spec.replace(/\s+/g, '').replace(/^([\^~=v]*\d+\.\d+\.\d+)-[0-9A-Za-z.-]+$/, '$1')) : null;
  return ceiling && declared ? { ...ceiling, ...declared } : null;
}
