import * as path from 'node:path';
import { emptyFacts, type FrontEnd } from '../../core/front-end';
import { isDockerfilePath, parseDockerfileEnv } from './dockerfile';
import { parseDotenv } from './parse';
import { providerForSecret } from './secrets';

/** `.env`, `.env.example`, `.env.local`, `production.env`, … */
export function isDotenvPath(p: string): boolean {
  const base = path.basename(p);
  return base === '.env' || base.startsWith('.env.') || base.endsWith('.env');
}

export const dotenvFrontEnd: FrontEnd = {
  // A Dockerfile's ENV lines are the same kind of definitions (its `#` comments take suppressions too).
  languageOf: (p) => (isDotenvPath(p) || isDockerfilePath(p) ? 'dotenv' : null),
  analyze(p, text) {
    const facts = emptyFacts(p, 'dotenv', text);
    for (const entry of isDockerfilePath(p) ? parseDockerfileEnv(text) : parseDotenv(text)) {
      facts.envDefinitions.push({ path: p, name: entry.name, value: entry.value, span: entry.span });
      const secret = entry.value ? providerForSecret(entry.value) : null;
      if (secret && entry.valueSpan) facts.secrets.push({ path: p, span: entry.valueSpan, provider: secret.provider, masked: secret.masked });
    }
    return facts;
  },
  writer: () => null,
};
