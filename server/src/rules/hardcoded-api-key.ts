import * as path from 'node:path';
import { API_KEY_ENV, keyProviderOfName, UNPREFIXED_KEY_PATTERNS } from '../core/catalog';
import { defineRule } from '../core/rule';
import type { ClientFact, Fix, Provider, SecretLiteral, TextEdit } from '../core/types';
import { processEnvReadable, type CodeWriter } from '../core/code-writer';
import type { WorkspaceView } from '../core/workspace-view';

const PROVIDER_NAMES: Partial<Record<Provider, string>> = {
  openai: 'OpenAI', 'azure-openai': 'Azure OpenAI', anthropic: 'Anthropic', google: 'Google', openrouter: 'OpenRouter',
  groq: 'Groq', mistral: 'Mistral', deepseek: 'DeepSeek', bedrock: 'Bedrock', cohere: 'Cohere',
};

/**
 * `.env`, `.env.local` and `.env.<mode>.local` hold local secrets and are normally not committed; so do Wrangler's
 * `.dev.vars` and `.dev.vars.<environment>` (not their `.example` templates).
 */
function isUntrackedEnvFile(p: string): boolean {
  const base = path.basename(p);
  return base === '.env' || base === '.env.local' || /^\.env\.[^.]+\.local$/.test(base) || base === '.dev.vars' || (/^\.dev\.vars\.[^.]+$/.test(base) && !/\b(example|sample|template|dist)$/i.test(base));
}

/**
 * Plain `sk-…` keys are issued by OpenAI and by many OpenAI-compatible providers (DeepSeek, Moonshot, …): a key given
 * to a client whose base URL points at another provider belongs to that one, and its variable is that provider's.
 */
function keyOwner(secret: SecretLiteral, clients: readonly ClientFact[], text: string): Provider {
  if (secret.provider !== 'openai' || /^\W*sk-(proj|svcacct|admin)-/.test(text.slice(secret.span.start, secret.span.end))) return secret.provider;
  const client = clients.find((c) => c.path === secret.path && c.span.start <= secret.span.start && secret.span.end <= c.span.end);
  return client && client.provider !== 'openai' && client.provider !== 'azure-openai' ? client.provider : secret.provider;
}

function envName(provider: Provider): string {
  return API_KEY_ENV.find((e) => e.provider === provider)?.name ?? 'LLM_API_KEY';
}

/**
 * LiteLLM's own secrets start with `sk-` too (its docs ask for it), so they match the OpenAI pattern. Named by the
 * variable or setting that holds them, they are the proxy's: what leaks is admin access to the proxy or the key that
 * decrypts the provider keys it stores, not an OpenAI account.
 */
const LITELLM_SECRETS: readonly { name: RegExp; label: string; impact: string }[] = [
  { name: /^LITELLM_SALT_KEY$/i, label: 'LiteLLM salt key', impact: 'can decrypt the provider keys the proxy stores in its database' },
  { name: /^(?:LITELLM_MASTER_KEY|PROXY_MASTER_KEY|master_key)$/i, label: 'LiteLLM master key', impact: 'has admin access to the proxy and can spend through it' },
];

/** The variable or setting a literal is assigned to on its line: `NAME: sk-…`, `NAME=sk-…`, `- NAME=sk-…`, `NAME = "sk-…"`. */
function assignedName(text: string, start: number): string | null {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  return /([A-Za-z_][A-Za-z0-9_]*)["']?\s*[:=]\s*["']?$/.exec(text.slice(lineStart, start))?.[1] ?? null;
}

const PREFIXED_KEY_BODY = /^(?:sk-|AIza|gsk_)[A-Za-z0-9_-]+$/;
/** The whole string is a key: one with a known prefix, or one without (an Azure OpenAI key) that the front end bound to its provider by name. */
const KEY_BODY = { test: (s: string) => PREFIXED_KEY_BODY.test(s) || UNPREFIXED_KEY_PATTERNS.some((p) => p.pattern.test(s)) };

/** The literal is the variable-name argument of an environment read (`os.environ.get(`, `os.getenv(`, `process.env[`). */
const ENV_NAME_ARGUMENT = /(?:\bos\.environ\.get|\bos\.getenv|\bgetenv|\benviron\.get)\s*\(\s*$|\b(?:os\.environ|process\.env)\s*\[\s*$/;

/** The literal is what the code sets an environment variable to (`os.environ["X"] = "…"`, `process.env.X = "…"`). */
const ENV_WRITE = /(?:\benviron\s*\[[^\]\n]*\]|\bprocess\.env(?:\.\w+|\s*\[[^\]\n]*\]))\s*=\s*$/;

function buildFix(secret: SecretLiteral, text: string, writer: CodeWriter, where: { path: string; workspace: WorkspaceView }, name = envName(secret.provider)): Fix | undefined {
  if (!processEnvReadable(text, writer, where)) return undefined;
  // Setting a variable from an environment read is no fix (and `os.environ[…] = None` raises): the line must go.
  if (ENV_WRITE.test(text.slice(text.lastIndexOf('\n', secret.span.start - 1) + 1, secret.span.start))) return undefined;
  const literal = text.slice(secret.span.start, secret.span.end);
  if (writer.language === 'python' && !KEY_BODY.test(literal.slice(1, -1))) return pythonEmbeddedKeyFix(secret, literal, text, writer, name);
  const quote = literal[0];
  if (!['"', "'", '`'].includes(quote) || literal[literal.length - 1] !== quote) return undefined;
  const inner = literal.slice(1, -1);
  const edits: TextEdit[] = [];
  // `os.environ.get("AIza…")`: the key was written where the variable's name belongs, so the name is the fix.
  if (KEY_BODY.test(inner) && ENV_NAME_ARGUMENT.test(text.slice(Math.max(0, secret.span.start - 40), secret.span.start))) {
    return { title: `Read the key from ${name}`, edits: [{ start: secret.span.start, end: secret.span.end, newText: `${quote === '`' ? "'" : quote}${name}${quote === '`' ? "'" : quote}` }], safety: 'unsafe' };
  }
  if (KEY_BODY.test(inner)) {
    edits.push({ start: secret.span.start, end: secret.span.end, newText: writer.envRead(name) });
  } else if (quote === '`' && writer.language !== 'python') {
    // A key inside a template (`Bearer sk-…`): substitute the variable in place.
    const m = /(?<![A-Za-z0-9_-])(?:sk-|AIza|gsk_)[A-Za-z0-9_-]{20,}/.exec(inner);
    if (!m) return undefined;
    const at = secret.span.start + 1 + m.index;
    edits.push({ start: at, end: at + m[0].length, newText: `\${${writer.envRead(name)}}` });
  } else {
    return undefined;
  }
  for (const [module, names] of writer.envReadImports) {
    const imp = writer.ensureImport(text, module, names);
    if (imp) edits.push(imp);
  }
  return { title: `Read the key from ${name}`, edits, safety: 'unsafe' };
}

/** Python: a key inside a longer string (`"Bearer sk-…"`, `f"Bearer sk-…"`) becomes an f-string field reading the variable. */
function pythonEmbeddedKeyFix(secret: SecretLiteral, literal: string, text: string, writer: CodeWriter, name: string): Fix | undefined {
  // Only plain and f-strings with single quotes: raw/bytes prefixes and triple quotes are left alone.
  const m = /^([fF]?)(["'])([\s\S]*)\2$/.exec(literal);
  if (!m || m[3].startsWith(m[2] + m[2])) return undefined;
  const [, f, quote, inner] = m;
  const key = /(?<![A-Za-z0-9_-])(?:sk-|AIza|gsk_)[A-Za-z0-9_-]{20,}/.exec(inner);
  if (!key) return undefined;
  const before = inner.slice(0, key.index).replace(/\{\{|\}\}/g, '');
  // Braces in a plain string would turn into fields; in an f-string the key must not sit inside a field.
  if (f ? before.split('{').length !== before.split('}').length : /[{}]/.test(inner)) return undefined;
  // The other quote inside the field: reusing the string's own quote needs Python 3.12.
  const other = quote === '"' ? "'" : '"';
  const read = writer.envRead(name).replace(/["']/g, other);
  const edits: TextEdit[] = [{ start: secret.span.start, end: secret.span.end, newText: `f${quote}${inner.slice(0, key.index)}{${read}}${inner.slice(key.index + key[0].length)}${quote}` }];
  for (const [module, names] of writer.envReadImports) {
    const imp = writer.ensureImport(text, module, names);
    if (imp) edits.push(imp);
  }
  return { title: `Read the key from ${name}`, edits, safety: 'unsafe' };
}

export default defineRule({
  id: 'hardcoded-api-key',
  family: 'security',
  severity: 'error',
  fixable: 'unsafe',
  languages: ['typescript', 'javascript', 'python', 'dotenv', 'yaml'],
  docs: {
    summary: 'Provider API key literal in code or committed config',
    why: [
      'A provider key in source or in a committed config file (`.env.example`, a Worker\'s `.dev.vars.example`, compose, Kubernetes manifests) is readable by everyone with access to the repository, its forks, CI logs and every clone — and it stays in git history after the line is deleted. A leaked key spends on your account at the attacker\'s rate until someone notices the bill; OpenAI and Anthropic keys are scanned for and revoked by GitHub secret scanning partners, which also means an outage the moment they are.',
      '',
      'Read keys from the environment (`OPENAI_API_KEY`, `ANTHROPIC_API_KEY` are read by the SDKs without any code), keep real values in an untracked `.env` or a secret manager, and rotate any key that was ever committed.',
      '',
      'Azure OpenAI keys have no prefix: they are 32 hex characters, like any hash. They are reported only where what holds them says it is an Azure OpenAI key: a variable named `AZURE_API_KEY`, `AZURE_OPENAI_API_KEY` or `AZURE_OPENAI_KEY` (in a manifest\'s env, a compose file, a `.env` file or Python code), the `api_key` of a LiteLLM deployment whose model is `azure/…`, or the key option of a Python Azure client (`AzureOpenAI(api_key=…)`). Cohere keys have no prefix either (40 letters and digits): they are reported only as the key a Cohere client is given (`cohere.ClientV2(api_key=…)`, `cohere.Client("…")`, `new CohereClient({ token })` in place or through a `const` of the file) or under a Cohere key name (`CO_API_KEY`, `COHERE_API_KEY`). Messages show only their last 4 characters.',
      '',
      "LiteLLM's own secrets also start with `sk-`. Under `LITELLM_MASTER_KEY` or `master_key` the message names the proxy's master key (admin access to the proxy, and spending through it), under `LITELLM_SALT_KEY` its salt key (it decrypts the provider keys the proxy stores), and the same value handed to a client as `OPENAI_API_KEY` is named the master key too.",
    ].join('\n'),
    bad: [
      {
        language: 'typescript',
        code: "import OpenAI from 'openai';\n\nexport const client = new OpenAI({ apiKey: 'sk-proj-Zq8xW2vR5tY7uI0oP3aS6dF9gH1jK4lM' });\n",
      },
      {
        language: 'yaml',
        filename: 'docker-compose.yaml',
        code: `services:
  litellm:
    image: ghcr.io/berriai/litellm:main-stable
    environment:
      OPENAI_API_KEY: sk-proj-Zq8xW2vR5tY7uI0oP3aS6dF9gH1jK4lM
`,
      },
      {
        language: 'dotenv',
        filename: '.env.example',
        code: '# Copy to .env and fill in\nOPENAI_API_KEY=sk-proj-Zq8xW2vR5tY7uI0oP3aS6dF9gH1jK4lM\n',
      },
      {
        language: 'python',
        code: `from openai import OpenAI

client = OpenAI(api_key="sk-proj-Zq8xW2vR5tY7uI0oP3aS6dF9gH1jK4lM", timeout=60)
`,
      },
    ],
    good: [
      {
        language: 'typescript',
        code: "import OpenAI from 'openai';\n\nexport const client = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });\n",
      },
      {
        language: 'typescript',
        code: "import OpenAI from 'openai';\n\n// Placeholders are not keys.\nexport const client = new OpenAI({ apiKey: 'sk-your-key-here' });\n",
      },
      {
        language: 'yaml',
        filename: 'docker-compose.yaml',
        code: `services:
  litellm:
    image: ghcr.io/berriai/litellm:main-stable
    environment:
      OPENAI_API_KEY: \${OPENAI_API_KEY}
`,
      },
      {
        language: 'dotenv',
        filename: '.env.example',
        code: '# Copy to .env and fill in\nOPENAI_API_KEY=\n',
      },
      {
        language: 'dotenv',
        filename: '.env',
        code: '# Local secrets: .env is not committed\nOPENAI_API_KEY=sk-proj-Zq8xW2vR5tY7uI0oP3aS6dF9gH1jK4lM\n',
      },
      {
        language: 'python',
        code: `import os

from openai import OpenAI

client = OpenAI(api_key=os.environ["OPENAI_API_KEY"], timeout=60)
`,
      },
    ],
    references: [
      'https://help.openai.com/en/articles/5112595-best-practices-for-api-key-safety',
      'https://docs.anthropic.com/en/api/getting-started#authentication',
      'https://docs.github.com/en/code-security/secret-scanning/introduction/supported-secret-scanning-patterns',
    ],
    fixSafety:
      'Unsafe: replaces the literal with an environment read (`process.env.OPENAI_API_KEY`, `os.environ.get("OPENAI_API_KEY")`); in Python a key inside a longer string (`"Bearer sk-…"`) becomes an f-string field. The variable must then be set wherever the code runs. In TypeScript the read is typed `string | undefined`, so code that needs a `string` (a `const KEY: string` annotation, a `fetch` header) no longer type-checks: check the variable once at start-up and fail clearly when it is missing. The key is still in git history: rotate it. No fix in `.env` or YAML files, nor where the code sets an environment variable to the key (`os.environ["AZURE_OPENAI_API_KEY"] = "…"`): that line must go. Code that reads its settings from bindings (Cloudflare Workers `env.X`, Hono `c.env.X` or `env(c)` from `hono/adapter`, `Deno.env.get`, `Netlify.env.get`) gets no fix: a Worker has no `process.env` unless nodejs_compat is on. Nor does other Deno code (`Deno.serve(…)`, `npm:` / `jsr:` / URL imports): Deno 1.x has no `process` global. Nor does Vite, Astro or SvelteKit code (`import.meta.env`, `$env/…`), whose `.env` values never reach `process.env`, or browser code (`dangerouslyAllowBrowser: true`, an extension\'s `chrome.storage` or `browser.storage`, `localStorage`, the DOM, or any module of a browser extension: a `manifest.json` with `manifest_version` in its package), which has no `process`.',
  },
  defaultOptions: {},
  check(ctx) {
    const { file, writer } = ctx;
    if (file.language === 'dotenv' && isUntrackedEnvFile(file.path)) return;
    const code = file.language === 'typescript' || file.language === 'javascript' || file.language === 'python';
    const literal = (x: SecretLiteral) => file.text.slice(x.span.start, x.span.end).replace(/^["'`]|["'`]$/g, '');
    const proxyOf = (x: SecretLiteral) => {
      const name = x.provider === 'openai' ? assignedName(file.text, x.span.start) : null;
      return name ? LITELLM_SECRETS.find((p) => p.name.test(name)) : undefined;
    };
    // The proxy's master key handed to a client (`OPENAI_API_KEY: <master key>` beside `OPENAI_BASE_URL: http://litellm…`).
    const proxySecrets = new Map(file.secrets.filter((x) => x.path === file.path && proxyOf(x)).map((x) => [literal(x), proxyOf(x)!]));
    for (const found of file.secrets) {
      if (found.path !== file.path) continue;
      const secret = { ...found, provider: keyOwner(found, file.clients, file.text) };
      const owner = PROVIDER_NAMES[secret.provider];
      const where = code ? 'source code' : 'a committed config file';
      const proxy = proxyOf(found) ?? proxySecrets.get(literal(found));
      // A proxy secret in code is read back from the variable it was assigned to (`LITELLM_MASTER_KEY = "sk-…"`).
      // So is a key assigned to a variable named for its provider (`AZURE_API_KEY = "…"`).
      const assigned = assignedName(file.text, found.span.start);
      const ownName = proxyOf(found) || (assigned && keyProviderOfName(assigned) === secret.provider) ? assigned : null;
      ctx.report({
        span: secret.span,
        message: proxy
          ? `${proxy.label} ${secret.masked} is hardcoded in ${where}, so anyone who can read the repository ${proxy.impact}`
          : `${owner ? `${owner} API key` : 'API key'} ${secret.masked} is hardcoded in ${where}, so anyone who can read the repository can spend on the account`,
        fix: code && writer ? buildFix(secret, file.text, writer, { path: file.path, workspace: ctx.workspace }, ownName && /^[A-Z][A-Z0-9_]*$/.test(ownName) ? ownName : undefined) : undefined,
      });
    }
  },
});
