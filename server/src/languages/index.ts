import type { FrontEnd } from '../core/front-end';
import { createNginxFrontEnd } from './config/nginx-front-end';
import { createYamlFrontEnd } from './config/yaml-front-end';
import { dotenvFrontEnd } from './dotenv/front-end';
import { createPythonFrontEnd } from './python/front-end';
import { createLazyTypeScriptFrontEnd } from './typescript/lazy-front-end';

/** Every front end, most specific first: the first whose languageOf() answers wins. */
export function createFrontEnds(): FrontEnd[] {
  return [dotenvFrontEnd, createYamlFrontEnd(), createNginxFrontEnd(), createLazyTypeScriptFrontEnd(), createPythonFrontEnd()];
}
