import { loadConfig } from './core/config';
import { Engine } from './core/engine';
import { createFrontEnds } from './languages';
import { rules } from './rules';

/** An engine with every rule and front end, configured from the nearest `.llm-infra-lint.json` above `root`. */
export function createEngine(root: string, configPath?: string): Engine {
  const loaded = loadConfig(root, configPath);
  return new Engine({ root, rules, frontEnds: createFrontEnds(), config: loaded.config, configErrors: loaded.errors });
}
