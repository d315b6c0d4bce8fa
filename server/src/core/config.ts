import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser';
import type { FileError, Severity } from './types';

export const CONFIG_FILE_NAME = '.llm-infra-lint.json';

export type RuleLevel = Severity | 'off';
export type RuleSetting = RuleLevel | [RuleLevel] | [RuleLevel, Record<string, unknown>];

export interface PriceOverride {
  input: number;
  output: number;
  cachedInput?: number;
  cacheWrite?: number;
  provider?: string;
}

/** Which infra hops front which code: overrides the default association. */
export interface TopologyEntry {
  /** Globs of code files (relative to the config file) this chain applies to. */
  code: string[];
  /** Hop names or infra file globs, outermost first. */
  hops: string[];
}

export interface Config {
  rules: Record<string, RuleSetting>;
  prices: Record<string, PriceOverride>;
  callsPerDay: number;
  /** Per call-site overrides keyed by `relative/path.ts:line`. */
  callSites: Record<string, { callsPerDay?: number }>;
  /** Assumed share of calls that fail and get retried, for the retry-amplification savings estimate. */
  failureRate: number;
  include: string[];
  exclude: string[];
  topology: TopologyEntry[];
}

export interface LoadedConfig {
  config: Config;
  /** The file it came from, if any. */
  path: string | null;
  /** The directory relative paths in the config are resolved against. */
  baseDir: string;
  errors: FileError[];
}

export function defaultConfig(): Config {
  return {
    rules: {},
    prices: {},
    callsPerDay: 1000,
    callSites: {},
    failureRate: 0.02,
    include: [],
    exclude: [],
    topology: [],
  };
}

/** Finds the nearest config file at or above `startDir`. */
export function findConfigFile(startDir: string): string | null {
  let dir = path.resolve(startDir);
  for (;;) {
    const candidate = path.join(dir, CONFIG_FILE_NAME);
    if (fs.existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

/** Loads a config from an explicit file, or the nearest one above `startDir`; never throws. */
export function loadConfig(startDir: string, explicitPath?: string): LoadedConfig {
  const file = explicitPath ? path.resolve(explicitPath) : findConfigFile(startDir);
  if (!file) return { config: defaultConfig(), path: null, baseDir: path.resolve(startDir), errors: [] };
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    return {
      config: defaultConfig(),
      path: file,
      baseDir: path.dirname(file),
      errors: [{ path: file, message: `Cannot read config: ${(e as Error).message}` }],
    };
  }
  const { config, errors } = parseConfig(text, file);
  return { config, path: file, baseDir: path.dirname(file), errors };
}

const LEVELS = new Set(['error', 'warning', 'info', 'off']);

/** Parses config text; invalid parts are reported and replaced by defaults. */
export function parseConfig(text: string, file: string): { config: Config; errors: FileError[] } {
  const config = defaultConfig();
  const errors: FileError[] = [];
  const parseErrors: ParseError[] = [];
  const raw = parseJsonc(text, parseErrors, { allowTrailingComma: true, disallowComments: false });
  for (const e of parseErrors.slice(0, 1)) {
    errors.push({
      path: file,
      message: `Invalid JSON in config (${printParseErrorCode(e.error)}); using defaults`,
      span: { start: e.offset, end: e.offset + e.length },
    });
  }
  if (parseErrors.length > 0) return { config, errors };
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    errors.push({ path: file, message: 'Config must be a JSON object; using defaults' });
    return { config, errors };
  }
  const bad = (what: string) => errors.push({ path: file, message: `Config: ${what}; ignored` });
  const obj = raw as Record<string, unknown>;
  for (const [key, value] of Object.entries(obj)) {
    switch (key) {
      case '$schema':
        break;
      case 'rules':
        if (!isRecord(value)) {
          bad('"rules" must be an object');
          break;
        }
        for (const [id, setting] of Object.entries(value)) {
          const level = Array.isArray(setting) ? setting[0] : setting;
          const opts = Array.isArray(setting) ? setting[1] : undefined;
          if (typeof level !== 'string' || !LEVELS.has(level)) bad(`rule "${id}" must be "error", "warning", "info" or "off"`);
          else if (opts !== undefined && !isRecord(opts)) bad(`options of rule "${id}" must be an object`);
          else config.rules[id] = (opts ? [level, opts] : level) as RuleSetting;
        }
        break;
      case 'prices':
        if (!isRecord(value)) {
          bad('"prices" must be an object');
          break;
        }
        for (const [model, p] of Object.entries(value)) {
          if (isRecord(p) && typeof p.input === 'number' && typeof p.output === 'number') config.prices[model] = p as unknown as PriceOverride;
          else bad(`price for "${model}" needs numeric "input" and "output" (USD per 1M tokens)`);
        }
        break;
      case 'callsPerDay':
        if (typeof value === 'number' && value >= 0 && Number.isFinite(value)) config.callsPerDay = value;
        else bad('"callsPerDay" must be a non-negative number');
        break;
      case 'failureRate':
        if (typeof value === 'number' && value >= 0 && value <= 1) config.failureRate = value;
        else bad('"failureRate" must be a number between 0 and 1');
        break;
      case 'callSites':
        if (isRecord(value)) config.callSites = value as Config['callSites'];
        else bad('"callSites" must be an object');
        break;
      case 'include':
      case 'exclude':
        if (Array.isArray(value) && value.every((v) => typeof v === 'string')) config[key] = value as string[];
        else bad(`"${key}" must be an array of glob strings`);
        break;
      case 'topology':
        if (Array.isArray(value) && value.every((t) => isRecord(t) && Array.isArray(t.code) && Array.isArray(t.hops))) config.topology = value as TopologyEntry[];
        else bad('"topology" must be an array of { "code": [globs], "hops": [names] }');
        break;
      default:
        bad(`unknown key "${key}"`);
    }
  }
  return { config, errors };
}

/** The effective level and options of a rule under a config. */
export function ruleSetting(config: Config, id: string, defaultLevel: Severity): { level: RuleLevel; options: Record<string, unknown> } {
  const s = config.rules[id];
  if (s === undefined) return { level: defaultLevel, options: {} };
  if (Array.isArray(s)) return { level: s[0], options: (s[1] as Record<string, unknown>) ?? {} };
  return { level: s, options: {} };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
