// The TypeScript front end behind a door: the compiler (about 70 MB resident and half a second to load) is required
// only when a JS/TS file may hold a fact. A Python or infra-only workspace, or one whose JS is all front-end code
// without LLM calls, never loads it. Nothing here may import the compiler; esbuild keeps `require`d modules lazy.
import { emptyFacts, type FrontEnd } from '../../core/front-end';
import { mayHoldFacts, scriptLanguageOf } from './mentions';

export function createLazyTypeScriptFrontEnd(): FrontEnd {
  let loaded: FrontEnd | null = null;
  const real = (): FrontEnd => {
    if (!loaded) {
      const { createTypeScriptFrontEnd } = require('./front-end') as typeof import('./front-end');
      loaded = createTypeScriptFrontEnd();
    }
    return loaded;
  };
  return {
    languageOf: scriptLanguageOf,
    analyze(p, text, project) {
      if (!loaded && !mayHoldFacts(text)) return emptyFacts(p, scriptLanguageOf(p) ?? 'typescript', text);
      return real().analyze(p, text, project);
    },
    writer: (language) => real().writer(language),
    // Before the compiler is loaded no file has been parsed, so no file's facts rest on another's.
    dependents: (p) => loaded?.dependents?.(p) ?? [],
    forget: (p) => loaded?.forget?.(p),
  };
}
