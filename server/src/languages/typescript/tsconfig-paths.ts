// `compilerOptions.paths` and `baseUrl` of the tsconfig.json / jsconfig.json nearest to a file, so that aliases such
// as `@lib/openai` or `~server/llm` resolve to the workspace file they name. Read from the workspace's own files only.
import * as path from 'node:path';
import { ts } from './compiler';
import type { ProjectFiles } from '../../core/front-end';

const CONFIG_NAMES = ['tsconfig.json', 'jsconfig.json'];

interface PathsConfig {
  /** Directory `paths` targets are relative to: `baseUrl`, else the config that declares `paths`. */
  pathsBase: string | null;
  paths: Record<string, string[]>;
  /** `baseUrl` as a directory, where bare specifiers are also looked up. */
  baseUrl: string | null;
}

export class TsconfigPaths {
  private readonly byDir = new Map<string, PathsConfig | null>();
  private builtFor: number | undefined;

  constructor(private readonly project: ProjectFiles) {}

  /** Paths, without an extension or with one, where a non-relative specifier may live by the nearest config. */
  candidates(fromFile: string, specifier: string): string[] {
    const config = this.nearest(path.dirname(fromFile));
    if (!config) return [];
    const out: string[] = [];
    const match = bestPattern(Object.keys(config.paths), specifier);
    if (match && config.pathsBase) {
      for (const target of config.paths[match.pattern] ?? []) {
        if (typeof target === 'string') out.push(path.resolve(config.pathsBase, target.split('*').join(match.star)));
      }
    }
    if (config.baseUrl) out.push(path.resolve(config.baseUrl, specifier));
    return out;
  }

  private nearest(dir: string): PathsConfig | null {
    const fileSet = this.project.fileSetVersion?.();
    if (fileSet === undefined || fileSet !== this.builtFor) {
      this.byDir.clear();
      this.builtFor = fileSet;
    }
    const cached = this.byDir.get(dir);
    if (cached !== undefined) return cached;
    let found: PathsConfig | null = null;
    const configFile = CONFIG_NAMES.map((n) => path.join(dir, n)).find((p) => this.project.has(p));
    if (configFile) found = this.read(configFile, 0);
    else {
      const parent = path.dirname(dir);
      const root = this.project.root;
      if (parent !== dir && (!root || dir !== root)) found = this.nearest(parent);
    }
    this.byDir.set(dir, found);
    return found;
  }

  /** A config's own settings over those it extends (relative `extends` only: package configs hold no workspace paths). */
  private read(file: string, depth: number): PathsConfig | null {
    const text = this.project.text(file);
    if (text === undefined) return null;
    const { config } = ts.parseConfigFileTextToJson(file, text);
    if (!config || typeof config !== 'object') return null;
    const dir = path.dirname(file);
    let base: PathsConfig = { pathsBase: null, paths: {}, baseUrl: null };
    const parents = Array.isArray(config.extends) ? config.extends : [config.extends];
    for (const parent of parents) {
      if (typeof parent !== 'string' || !parent.startsWith('.') || depth >= 8) continue;
      const parentFile = path.resolve(dir, parent.endsWith('.json') ? parent : `${parent}.json`);
      const inherited = this.project.has(parentFile) ? this.read(parentFile, depth + 1) : null;
      if (inherited) base = { ...base, ...inherited };
    }
    const options = config.compilerOptions;
    if (!options || typeof options !== 'object') return base.pathsBase || base.baseUrl ? base : null;
    const baseUrl = typeof options.baseUrl === 'string' ? path.resolve(dir, options.baseUrl) : base.baseUrl;
    const ownPaths = options.paths && typeof options.paths === 'object' && !Array.isArray(options.paths) ? (options.paths as Record<string, string[]>) : null;
    return {
      paths: ownPaths ?? base.paths,
      pathsBase: baseUrl ?? (ownPaths ? dir : base.pathsBase),
      baseUrl,
    };
  }
}

/** The `paths` key matching the specifier: an exact key, else the `*` pattern with the longest prefix (as tsc picks). */
function bestPattern(patterns: string[], specifier: string): { pattern: string; star: string } | null {
  if (patterns.includes(specifier)) return { pattern: specifier, star: '' };
  let best: { pattern: string; star: string; prefix: number } | null = null;
  for (const pattern of patterns) {
    const star = pattern.indexOf('*');
    if (star < 0 || pattern.indexOf('*', star + 1) >= 0) continue;
    const head = pattern.slice(0, star);
    const tail = pattern.slice(star + 1);
    if (specifier.length < head.length + tail.length || !specifier.startsWith(head) || !specifier.endsWith(tail)) continue;
    if (!best || head.length > best.prefix) best = { pattern, star: specifier.slice(head.length, specifier.length - tail.length), prefix: head.length };
  }
  return best;
}
