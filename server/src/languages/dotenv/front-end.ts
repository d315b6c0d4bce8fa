import * as path from 'node:path';
import { emptyFacts, type FrontEnd } from '../../core/front-end';
import { isDockerfilePath, parseDockerfileEnv } from './dockerfile';
import { parseDotenv } from './parse';
import { namedNotGenerated } from '../../core/catalog/providers';
import { providerForSecret } from './secrets';

/** `.env`, `.env.example`, `.env.local`, `production.env`, … */
export function isDotenvPath(p: string): boolean {
  const base = path.basename(p);
  // Wrangler's `.dev.vars` (a Worker's local secrets and vars, in dotenv syntax) and its committed templates.
  return base === '.env' || base.startsWith('.env.') || base.endsWith('.env') || base === '.dev.vars' || base.startsWith('.dev.vars.');
}

export const dotenvFrontEnd: FrontEnd = {
  // A Dockerfile's ENV lines are the same kind of definitions (its `#` comments take suppressions too).
  languageOf: (p) => (isDotenvPath(p) || isDockerfilePath(p) ? 'dotenv' : null),
  analyze(p, text) {
    const facts = emptyFacts(p, 'dotenv', text);
    const template = /^(?:\.env\.|env\.)?.*\b(example|sample|template|dist)$/i.test(path.basename(p));
    for (const entry of isDockerfilePath(p) ? parseDockerfileEnv(text) : parseDotenv(text)) {
      facts.envDefinitions.push({ path: p, name: entry.name, value: entry.value, span: entry.span });
      // A template's key named in words (`sk-local-litellm-master-key`) is a placeholder for the real one.
      const placeholder = template && !!entry.value && namedNotGenerated(entry.value);
      const secret = entry.value && !placeholder ? providerForSecret(entry.value, entry.name) : null;
      if (secret && entry.valueSpan) facts.secrets.push({ path: p, span: entry.valueSpan, provider: secret.provider, masked: secret.masked });
    }
    return facts;
  },
  writer: () => null,
};
