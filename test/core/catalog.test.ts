import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import modelToEncoding from 'tiktoken/model_to_encoding.json';
import {
  API_KEY_PATTERNS,
  CACHE_MINIMUMS,
  GATEWAYS,
  NONSTREAMING_MAX_TOKENS,
  OPTION_NAMES,
  PRICES,
  SDK_DEFAULTS,
  STREAM_USAGE_UNASKED,
  USAGE_SEMANTICS,
  baseUrlEnvFor,
  cacheMinimum,
  encodingForModel,
  gatewayForUrl,
  keyProviderOfName,
  looksLikeApiKey,
  looksLikePlaceholder,
  maskSecret,
  nonStreamingLimit,
  optionNames,
  priceFor,
  providerForUrl,
  sdkDefaults,
  secretIn,
  streamsUsageUnasked,
} from '../../server/src/core/catalog';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function rng(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s / 0x7fffffff;
  };
}
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
// Keys are generated at run time so no key-shaped literal is committed.
function randomKey(prefix: string, length: number, seed: number, alphabet = `${ALNUM}_-`): string {
  const r = rng(seed);
  let s = prefix;
  for (let i = 0; i < length; i++) s += alphabet[Math.floor(r() * alphabet.length)];
  return s;
}

describe('PRICES', () => {
  // FACTS.md's table: [input, cached read, cache write 5m, cache write 1h, output].
  const expected: Record<string, [number, number, number | undefined, number | undefined, number]> = {
    'gpt-4o': [2.5, 1.25, undefined, undefined, 10],
    'gpt-4o-mini': [0.15, 0.075, undefined, undefined, 0.6],
    'gpt-4.1': [2, 0.5, undefined, undefined, 8],
    'gpt-4.1-mini': [0.4, 0.1, undefined, undefined, 1.6],
    'gpt-5': [1.25, 0.125, undefined, undefined, 10],
    'gpt-5-mini': [0.25, 0.025, undefined, undefined, 2],
    'gpt-5.5': [5, 0.5, undefined, undefined, 30],
    o3: [2, 0.5, undefined, undefined, 8],
    'o4-mini': [1.1, 0.275, undefined, undefined, 4.4],
    'claude-opus-4-5': [5, 0.5, 6.25, 10, 25],
    'claude-opus-4-6': [5, 0.5, 6.25, 10, 25],
    'claude-opus-4-7': [5, 0.5, 6.25, 10, 25],
    'claude-opus-5': [5, 0.5, 6.25, 10, 25],
    'claude-opus-4-1': [15, 1.5, 18.75, 30, 75],
    'claude-sonnet-4-5': [3, 0.3, 3.75, 6, 15],
    'claude-haiku-4-5': [1, 0.1, 1.25, 2, 5],
    // Older Anthropic models, from an earlier genai-prices snapshot (1-hour writes at 2× input).
    'claude-sonnet-4': [3, 0.3, 3.75, 6, 15],
    'claude-opus-4': [15, 1.5, 18.75, 30, 75],
    'claude-3-7-sonnet': [3, 0.3, 3.75, 6, 15],
    'claude-3-5-haiku': [0.8, 0.08, 1, 1.6, 4],
    'claude-3-5-sonnet': [3, 0.3, 3.75, 6, 15],
    'claude-3-opus': [15, 1.5, 18.75, 30, 75],
    'claude-3-haiku': [0.25, 0.03, 0.3, 0.5, 1.25],
    'gemini-2.5-pro': [1.25, 0.125, undefined, undefined, 10],
    'gemini-2.5-flash': [0.3, 0.03, undefined, undefined, 2.5],
    'gemini-2.5-flash-lite': [0.1, 0.01, undefined, undefined, 0.4],
    'gemini-3-pro-preview': [2, 0.2, undefined, undefined, 12],
  };

  it('holds every model of the researched price table with its values', () => {
    assert.deepEqual(Object.keys(PRICES).sort(), Object.keys(expected).sort());
    for (const [model, [input, cached, w5, w1, output]] of Object.entries(expected)) {
      const p = PRICES[model]!;
      assert.deepEqual([p.input, p.cachedInput, p.cacheWrite5m, p.cacheWrite1h, p.output], [input, cached, w5, w1, output], model);
    }
  });

  it('dates and sources every entry', () => {
    for (const [model, p] of Object.entries(PRICES)) {
      assert.match(p.asOf, ISO_DATE, model);
      assert.ok(p.source.length > 0, model);
    }
  });

  it('points every cheaper tier at a cheaper priced sibling of the same provider', () => {
    for (const [model, p] of Object.entries(PRICES)) {
      if (!p.tier.cheaper) continue;
      const cheaper = PRICES[p.tier.cheaper];
      assert.ok(cheaper, `${model} → ${p.tier.cheaper}`);
      assert.equal(cheaper.provider, p.provider, model);
      assert.ok(cheaper.input < p.input && cheaper.output < p.output, model);
    }
    assert.equal(PRICES['gpt-5']!.tier.cheaper, 'gpt-5-mini');
    assert.equal(PRICES['claude-sonnet-4-5']!.tier.cheaper, 'claude-haiku-4-5');
    assert.equal(PRICES['gemini-2.5-pro']!.tier.cheaper, 'gemini-2.5-flash');
  });
});

describe('priceFor', () => {
  it('finds exact names, case-insensitively', () => {
    assert.equal(priceFor('gpt-4o')?.model, 'gpt-4o');
    assert.equal(priceFor('GPT-4o')?.model, 'gpt-4o');
  });

  it('strips dated-snapshot suffixes', () => {
    assert.equal(priceFor('gpt-4o-2024-08-06')?.model, 'gpt-4o');
    assert.equal(priceFor('gpt-4o-mini-2024-07-18')?.model, 'gpt-4o-mini');
    assert.equal(priceFor('gpt-4.1-2025-04-14')?.model, 'gpt-4.1');
    assert.equal(priceFor('gpt-5-2025-08-07')?.model, 'gpt-5');
    assert.equal(priceFor('o3-2025-04-16')?.model, 'o3');
    assert.equal(priceFor('claude-sonnet-4-5-20250929')?.model, 'claude-sonnet-4-5');
    assert.equal(priceFor('claude-haiku-4-5-20251001')?.model, 'claude-haiku-4-5');
    assert.equal(priceFor('claude-opus-4-1@20250805')?.model, 'claude-opus-4-1');
  });

  it('accepts routing prefixes and dotted Claude versions', () => {
    assert.equal(priceFor('openai/gpt-4o')?.model, 'gpt-4o');
    assert.equal(priceFor('anthropic/claude-sonnet-4.5')?.model, 'claude-sonnet-4-5');
    assert.equal(priceFor('models/gemini-2.5-pro')?.model, 'gemini-2.5-pro');
    assert.equal(priceFor('gemini/gemini-2.5-flash')?.model, 'gemini-2.5-flash');
  });

  it('prices the dated and -0 names of older Claude models like the model', () => {
    assert.equal(priceFor('claude-sonnet-4-20250514')?.model, 'claude-sonnet-4');
    assert.equal(priceFor('claude-sonnet-4-0')?.model, 'claude-sonnet-4');
    assert.equal(priceFor('claude-opus-4-20250514')?.model, 'claude-opus-4');
    assert.equal(priceFor('claude-3-7-sonnet-latest')?.model, 'claude-3-7-sonnet');
    // Retired models still named in deployed code, in Anthropic's and OpenRouter's spellings.
    assert.equal(priceFor('claude-3-5-sonnet-20241022')?.model, 'claude-3-5-sonnet');
    assert.equal(priceFor('anthropic/claude-3.5-sonnet')?.model, 'claude-3-5-sonnet');
    assert.equal(priceFor('claude-3-opus-20240229')?.model, 'claude-3-opus');
    assert.equal(priceFor('claude-3-haiku-20240307')?.input, 0.25);
  });

  it('never prices an unknown model as a known one', () => {
    for (const model of [
      'gpt-4o-turbo-ultra',
      'gpt-4o-mini-search-preview',
      'gpt-4o-2024-05-13', // the launch snapshot had its own price
      'gpt-5-nano',
      'gpt-5.5-pro',
      'chatgpt-4o-latest',
      'claude-3-5-sonnet-v2',
      'claude-opus-4-1-preview',
      'claude-sonnet-4-5-experimental',
      'gemini-2.5-pro-exp',
      'o3-pro',
      'my-deployment',
      '',
    ]) {
      assert.equal(priceFor(model), undefined, model);
    }
    assert.equal(priceFor(null), undefined);
  });
});

describe('encodingForModel', () => {
  it('maps OpenAI models by prefix, exactly', () => {
    const cases: Array<[string, string]> = [
      ['gpt-5', 'o200k_base'],
      ['gpt-5.5', 'o200k_base'],
      ['gpt-5-mini-2025-08-07', 'o200k_base'],
      ['gpt-4.5-preview', 'o200k_base'],
      ['gpt-4.1-nano', 'o200k_base'],
      ['gpt-4o', 'o200k_base'],
      ['chatgpt-4o-latest', 'o200k_base'],
      ['o1-preview', 'o200k_base'],
      ['o3-mini', 'o200k_base'],
      ['o4-mini-2025-04-16', 'o200k_base'],
      ['ft:gpt-4o-2024-08-06:acme::abc', 'o200k_base'],
      ['gpt-oss-120b', 'o200k_base'],
      ['gpt-4', 'cl100k_base'],
      ['gpt-4-turbo', 'cl100k_base'],
      ['gpt-4-0613', 'cl100k_base'],
      ['ft:gpt-4-0613:acme::x', 'cl100k_base'],
      ['gpt-3.5-turbo-0125', 'cl100k_base'],
      ['gpt-35-turbo', 'cl100k_base'],
      ['text-embedding-3-small', 'cl100k_base'],
      ['gpt-6', 'o200k_base'],
    ];
    for (const [model, encoding] of cases) {
      const choice = encodingForModel(model, 'openai');
      assert.deepEqual([choice.encoding, choice.exact, choice.factor], [encoding, true, 1], model);
    }
  });

  it('agrees with tiktoken’s own model table for every o200k_base and cl100k_base model', () => {
    for (const [model, encoding] of Object.entries(modelToEncoding as Record<string, string>)) {
      if (encoding !== 'o200k_base' && encoding !== 'cl100k_base') continue;
      assert.equal(encodingForModel(model, 'openai').encoding, encoding, model);
    }
  });

  it('approximates Claude and Gemini with o200k_base × a factor', () => {
    const claude = encodingForModel('claude-sonnet-4-5', 'anthropic');
    assert.deepEqual([claude.encoding, claude.exact], ['o200k_base', false]);
    assert.ok(claude.factor > 1);
    assert.ok(encodingForModel('claude-opus-4-7', 'anthropic').factor > claude.factor);
    assert.ok(encodingForModel('claude-opus-5', 'anthropic').factor > claude.factor);
    assert.equal(encodingForModel('claude-opus-4-5', 'anthropic').factor, claude.factor);
    assert.equal(encodingForModel('anthropic/claude-haiku-4.5', 'openrouter').exact, false);
    assert.equal(encodingForModel('us.anthropic.claude-opus-4-7-v1:0', 'bedrock').factor, encodingForModel('claude-opus-4-7', 'anthropic').factor);
    assert.equal(encodingForModel('anthropic.claude-sonnet-4-5-20250929-v1:0', 'bedrock').factor, claude.factor);
    const gemini = encodingForModel('gemini-2.5-pro', 'google');
    assert.deepEqual([gemini.exact, gemini.encoding], [false, 'o200k_base']);
    assert.ok(gemini.factor > 1);
  });

  it('is not exact for other providers or hidden Azure deployment names', () => {
    assert.equal(encodingForModel('llama-3.3-70b', 'groq').exact, false);
    assert.equal(encodingForModel('mistral-large-latest', 'mistral').exact, false);
    assert.equal(encodingForModel('prod-chat', 'azure-openai').exact, false);
    assert.equal(encodingForModel(null, 'unknown').exact, false);
    // A model from configuration may be an older one (cl100k_base): o200k_base is assumed, not known.
    assert.equal(encodingForModel(null, 'openai').exact, false);
  });
});

describe('cacheMinimum', () => {
  it('is 1024 for OpenAI models from gpt-4o on and absent before', () => {
    assert.equal(cacheMinimum('gpt-4o', 'openai')?.tokens, 1024);
    assert.equal(cacheMinimum('gpt-5-mini', 'openai')?.tokens, 1024);
    assert.equal(cacheMinimum(null, 'openai')?.tokens, 1024);
    assert.equal(cacheMinimum('gpt-3.5-turbo', 'openai'), undefined);
    assert.equal(cacheMinimum('gpt-4-turbo', 'openai'), undefined);
    assert.equal(cacheMinimum('gpt-4o', 'azure-openai')?.verified, false);
  });

  it('reads Anthropic and Gemini minimums per model, through snapshot names', () => {
    assert.equal(cacheMinimum('claude-sonnet-4-5-20250929', 'anthropic')?.tokens, 1024);
    assert.equal(cacheMinimum('claude-haiku-4-5', 'anthropic')?.tokens, 4096);
    assert.equal(cacheMinimum('claude-opus-4-5', 'anthropic')?.tokens, 4096);
    assert.equal(cacheMinimum('claude-opus-4-20250514', 'anthropic')?.tokens, 1024);
    assert.equal(cacheMinimum('gemini-2.5-flash', 'google')?.tokens, 2048);
    assert.equal(cacheMinimum('gemini-3-pro-preview', 'google')?.tokens, 4096);
  });

  it('is undefined where no source gives a number', () => {
    assert.equal(cacheMinimum('claude-unknown-9', 'anthropic'), undefined);
    assert.equal(cacheMinimum(null, 'anthropic'), undefined);
    assert.equal(cacheMinimum('gemini-2.5-flash-lite', 'google'), undefined);
    assert.equal(cacheMinimum('claude-sonnet-4-5', 'bedrock'), undefined);
    assert.equal(cacheMinimum('llama-3', 'groq'), undefined);
  });

  it('marks the disputed Anthropic and Gemini tables unverified, with sources and dates', () => {
    for (const table of [CACHE_MINIMUMS.anthropic, CACHE_MINIMUMS.google]) {
      for (const [model, m] of Object.entries(table)) {
        assert.equal(m.verified, false, model);
        assert.match(m.asOf, ISO_DATE, model);
        assert.ok(m.source, model);
      }
    }
  });
});

describe('USAGE_SEMANTICS', () => {
  it('says which providers count cached tokens inside input', () => {
    assert.equal(USAGE_SEMANTICS.openai.inputIncludesCached, true);
    assert.equal(USAGE_SEMANTICS.google.inputIncludesCached, true);
    assert.equal(USAGE_SEMANTICS.anthropic.inputIncludesCached, false);
  });
});

describe('nonStreamingLimit', () => {
  it('is 21,333 tokens: the largest value with 60 min × max_tokens / 128,000 ≤ 10 min', () => {
    assert.equal(NONSTREAMING_MAX_TOKENS, 21_333);
    assert.ok((60 * NONSTREAMING_MAX_TOKENS) / 128_000 <= 10);
    assert.ok((60 * (NONSTREAMING_MAX_TOKENS + 1)) / 128_000 > 10);
    assert.equal(nonStreamingLimit('claude-sonnet-4-5').maxTokens, 21_333);
    assert.equal(nonStreamingLimit(null).maxTokens, 21_333);
  });

  it('uses the SDK’s per-model table by exact id', () => {
    for (const model of ['claude-opus-4-20250514', 'claude-opus-4-0', 'claude-opus-4-1-20250805', 'anthropic.claude-opus-4-20250514-v1:0']) {
      const limit = nonStreamingLimit(model);
      assert.equal(limit.maxTokens, 8192, model);
      assert.match(limit.source, /MODEL_NONSTREAMING_TOKENS/);
    }
  });

  it('follows the Python SDK’s own table, which lists Opus 4.1 only by its Bedrock and Vertex ids', () => {
    assert.equal(nonStreamingLimit('claude-opus-4-1-20250805', 'python').maxTokens, 21_333);
    assert.equal(nonStreamingLimit('claude-opus-4-20250514', 'python').maxTokens, 8192);
    assert.equal(nonStreamingLimit('anthropic.claude-opus-4-1-20250805-v1:0', 'python').maxTokens, 8192);
  });
});

describe('sdkDefaults', () => {
  it('holds the researched retry and timeout defaults', () => {
    const row = (sdk: Parameters<typeof sdkDefaults>[0], lang: 'typescript' | 'python') => {
      const d = sdkDefaults(sdk, lang)!;
      return [d.defaultMaxRetries, d.defaultTimeoutSeconds, d.retriesTimeouts];
    };
    assert.deepEqual(row('openai', 'typescript'), [2, 600, true]);
    assert.deepEqual(row('openai', 'python'), [2, 600, true]);
    assert.deepEqual(row('anthropic', 'typescript'), [2, 600, true]);
    assert.deepEqual(row('anthropic', 'python'), [2, 600, true]);
    assert.deepEqual(row('ai-sdk', 'typescript'), [2, null, false]);
    assert.deepEqual(row('langchain', 'typescript'), [6, 600, true]);
    // langchain-openai passes timeout=None, which openai-python keeps as no timeout (FACTS.md row 14 said 600 s; the
    // source says otherwise: `if not is_given(timeout)` in _base_client.py, langchain-ai/langchain#35597).
    assert.deepEqual(row('langchain', 'python'), [2, null, true]);
    assert.deepEqual(row('litellm', 'python'), [0, 600, false]);
    assert.deepEqual(row('litellm-router', 'python'), [2, 6000, true]);
    assert.deepEqual(row('google-genai', 'python'), [0, null, false]);
    assert.equal(sdkDefaults('http', 'typescript'), undefined);
    // @google/genai (JS) read from its npm dist: no client-side timeout, no retries without retryOptions.
    assert.deepEqual(row('google-genai', 'typescript'), [0, null, false]);
    assert.equal(sdkDefaults('google-genai', 'typescript')?.verified, true);
  });

  it('dates and sources every entry', () => {
    for (const d of SDK_DEFAULTS) {
      assert.match(d.asOf, ISO_DATE, `${d.sdk}/${d.language}`);
      assert.ok(d.source);
    }
  });
});

describe('optionNames', () => {
  it('spells options per SDK and language, with the timeout unit', () => {
    const ts = optionNames('openai', 'typescript')!;
    assert.deepEqual([ts.client.timeout[0], ts.client.maxRetries[0], ts.client.baseURL[0], ts.client.apiKey[0], ts.timeoutUnit], ['timeout', 'maxRetries', 'baseURL', 'apiKey', 'ms']);
    const py = optionNames('anthropic', 'python')!;
    assert.deepEqual([py.client.maxRetries[0], py.client.baseURL[0], py.client.apiKey[0], py.timeoutUnit], ['max_retries', 'base_url', 'api_key', 's']);
    const lcjs = optionNames('langchain', 'typescript')!;
    assert.deepEqual([lcjs.client.baseURL[0], lcjs.client.streamUsage?.[0], lcjs.defaults?.streamUsage], ['configuration.baseURL', 'streamUsage', true]);
    assert.deepEqual(optionNames('langchain', 'python')!.client.timeout, ['timeout', 'request_timeout']);
    assert.deepEqual(optionNames('ai-sdk', 'typescript')!.request.maxTokens, ['maxOutputTokens', 'maxTokens']);
    assert.ok(optionNames('openai', 'typescript')!.request.maxTokens.includes('max_output_tokens'));
    assert.equal(optionNames('google-genai', 'python')!.timeoutUnit, 'ms');
  });

  it('has one entry per SDK and language', () => {
    const keys = OPTION_NAMES.map((o) => `${o.sdk}/${o.language}`);
    assert.equal(new Set(keys).size, keys.length);
  });
});

describe('providerForUrl', () => {
  it('recognises provider endpoints', () => {
    const cases: Array<[string, string]> = [
      ['https://api.openai.com/v1', 'openai'],
      ['https://api.openai.com', 'openai'],
      ['api.anthropic.com/v1/messages', 'anthropic'],
      ['https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-pro:generateContent', 'google'],
      ['https://us-central1-aiplatform.googleapis.com/v1/projects/p', 'google'],
      ['https://my-resource.openai.azure.com/openai/deployments/x', 'azure-openai'],
      ['https://bedrock-runtime.us-east-1.amazonaws.com/model/x/invoke', 'bedrock'],
      ['https://openrouter.ai/api/v1', 'openrouter'],
      ['https://api.groq.com/openai/v1', 'groq'],
      ['https://api.mistral.ai/v1', 'mistral'],
      ['https://api.deepseek.com', 'deepseek'],
      ['https://api.perplexity.ai/', 'perplexity'],
      ['https://api.together.xyz/v1', 'together'],
      ['https://api.together.ai/v1/chat/completions', 'together'],
      ['https://api.x.ai/v1', 'xai'],
    ];
    for (const [url, provider] of cases) assert.equal(providerForUrl(url), provider, url);
    assert.equal(providerForUrl('https://api.x.ai.example.com/v1'), null);
  });

  it('knows which providers stream usage unasked, each with a source and a date', () => {
    for (const p of ['groq', 'perplexity', 'together'] as const) assert.ok(streamsUsageUnasked(p), p);
    for (const p of ['openai', 'azure-openai', 'unknown'] as const) assert.ok(!streamsUsageUnasked(p), p);
    for (const e of STREAM_USAGE_UNASKED) {
      assert.ok(e.source && e.where, e.provider);
      assert.match(e.asOf, ISO_DATE);
    }
  });

  it('ignores look-alikes and unrelated Google APIs', () => {
    for (const url of ['https://api.openai.com.evil.example/v1', 'https://storage.googleapis.com/bucket', 'https://example.com/?u=https://api.openai.com', 'http://localhost:4000', 'https://x.azure-api.net/openai']) {
      assert.equal(providerForUrl(url), null, url);
    }
  });
});

describe('gateways and environment', () => {
  it('recognises gateway URLs', () => {
    assert.equal(gatewayForUrl('https://openrouter.ai/api/v1')?.id, 'openrouter');
    assert.equal(gatewayForUrl('https://api.portkey.ai/v1')?.id, 'portkey');
    assert.equal(gatewayForUrl('https://oai.helicone.ai/v1')?.id, 'helicone');
    assert.equal(gatewayForUrl('https://gateway.ai.cloudflare.com/v1/acct/gw/openai')?.id, 'cloudflare-ai-gateway');
    assert.equal(gatewayForUrl('http://litellm:4000')?.id, 'litellm');
    assert.equal(gatewayForUrl('https://api.openai.com/v1'), null);
    assert.ok(GATEWAYS.every((g) => g.source));
  });

  it('names base-URL variables per provider', () => {
    assert.ok(baseUrlEnvFor('openai').includes('OPENAI_BASE_URL'));
    assert.ok(baseUrlEnvFor('anthropic').includes('ANTHROPIC_BASE_URL'));
    assert.ok(baseUrlEnvFor('google').includes('GOOGLE_GEMINI_BASE_URL'));
  });
});

describe('API keys', () => {
  const keys = {
    openaiProject: randomKey('sk-proj-', 120, 1),
    openaiLegacy: randomKey('sk-', 48, 2, ALNUM),
    anthropic: `${randomKey('sk-ant-api03-', 93, 3)}AA`,
    google: randomKey('AIza', 35, 4),
    openrouter: randomKey('sk-or-v1-', 64, 5, '0123456789abcdef'),
  };

  it('recognises real-looking keys with their provider', () => {
    assert.equal(looksLikeApiKey(keys.openaiProject)?.provider, 'openai');
    assert.equal(looksLikeApiKey(keys.openaiLegacy)?.provider, 'openai');
    assert.equal(looksLikeApiKey(keys.anthropic)?.provider, 'anthropic');
    assert.equal(looksLikeApiKey(keys.google)?.provider, 'google');
    assert.equal(looksLikeApiKey(keys.openrouter)?.provider, 'openrouter');
    assert.equal(looksLikeApiKey(` ${keys.google}\n`)?.provider, 'google');
  });

  it('finds a key inside a longer string', () => {
    const hit = secretIn(`Bearer ${keys.anthropic}`);
    assert.equal(hit?.provider, 'anthropic');
    assert.equal(hit?.start, 7);
    assert.equal(secretIn(`https://generativelanguage.googleapis.com/v1beta/models?key=${keys.google}`)?.provider, 'google');
    assert.equal(secretIn('Bearer sk-your-key-here'), null);
    assert.equal(secretIn('no keys here, just task-management'), null);
  });

  it('masks keys to a prefix and the last four characters', () => {
    assert.equal(maskSecret(keys.openaiProject), `sk-p…${keys.openaiProject.slice(-4)}`);
    assert.equal(maskSecret(keys.anthropic), `sk-ant-…${keys.anthropic.slice(-4)}`);
    assert.equal(maskSecret(keys.google), `AIza…${keys.google.slice(-4)}`);
    assert.equal(looksLikeApiKey(keys.openaiProject)?.masked, maskSecret(keys.openaiProject));
  });

  it('never returns the input from maskSecret, nor more than 11 of its characters', () => {
    const r = rng(99);
    const samples = ['', 'a', 'ab', 'ab…', '…', 'short', 'sk-', ...Object.values(keys)];
    for (let i = 0; i < 500; i++) samples.push(randomKey('', Math.floor(r() * 80), i + 10));
    for (const s of samples) {
      const masked = maskSecret(s);
      assert.notEqual(masked, s, JSON.stringify(s));
      assert.ok(masked.replace('…', '').length <= 11, masked);
      if (s.length >= 16) assert.ok(!masked.includes(s.slice(8, s.length - 4)), masked);
    }
  });

  it('treats placeholders as placeholders, never as secrets', () => {
    const placeholders = [
      'sk-...',
      'sk-xxxx',
      'sk-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
      'sk-your-key-here',
      'sk-your-openai-api-key-goes-here-please',
      'sk-proj-XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX',
      'sk-ant-api03-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
      '<your key>',
      'changeme',
      'sk-1234567890abcdefghijklmnopqrstuvwxyz',
      'sk-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
      'AIzaXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX',
      'sk-${OPENAI_API_KEY}',
      'sk-ant-REPLACE_WITH_YOUR_KEY_0000000000000000',
      'sk-example-key-for-the-documentation-only',
      // envoyproxy/ai-gateway examples/inference-pool: an Authorization header match beside sk-abcdefghijklmnopqrstuvwxyz.
      'sk-zyxwvutsrqponmlkjihgfedcba',
      'sk-9876543210ZYXWVUTSRQPONMLK',
    ];
    for (const p of placeholders) {
      assert.equal(looksLikePlaceholder(p), true, p);
      assert.equal(looksLikeApiKey(p), null, p);
      assert.equal(secretIn(p), null, p);
    }
    for (const key of Object.values(keys)) assert.equal(looksLikePlaceholder(key), false, key.slice(0, 8));
    // Eight letters in order can occur in a generated key; nine are typed.
    const withRun = (run: string) => `sk-${randomKey('', 20, 198, ALNUM)}${run}${randomKey('', 20, 199, ALNUM)}`;
    assert.equal(looksLikePlaceholder(withRun('stuvwxyz')), false);
    assert.equal(looksLikePlaceholder(withRun('87654321')), false);
    assert.equal(looksLikePlaceholder(withRun('rstuvwxyz')), true);
  });

  it('recognises a 32-hex Azure OpenAI key only under a name that says so', () => {
    const azure = randomKey('', 32, 7, '0123456789abcdef');
    assert.equal(looksLikeApiKey(azure), null);
    assert.equal(secretIn(azure), null);
    for (const name of ['AZURE_API_KEY', 'AZURE_OPENAI_API_KEY', 'AZURE_OPENAI_KEY', 'AZURE_OPENAI_API_KEY_EASTUS', 'azure_openai_api_key']) {
      assert.equal(keyProviderOfName(name), 'azure-openai', name);
      assert.deepEqual(looksLikeApiKey(azure, keyProviderOfName(name)), { provider: 'azure-openai', masked: `…${azure.slice(-4)}` });
    }
    for (const name of ['OPENAI_API_KEY', 'AZURE_API_BASE', 'AZURE_OPENAI_ENDPOINT', 'BUILD_SHA', 'AZURE_STORAGE_KEY']) assert.equal(keyProviderOfName(name), null, name);
    for (const p of ['0'.repeat(32), 'f'.repeat(32), '0123456789abcdef0123456789abcdef', 'deadbeef'.repeat(4), `${azure}0`, azure.slice(1)]) {
      assert.equal(looksLikeApiKey(p, 'azure-openai'), null, p);
    }
  });

  it('checks the specific prefixes before the generic sk- pattern', () => {
    const order = API_KEY_PATTERNS.map((p) => p.provider);
    assert.ok(order.indexOf('anthropic') < order.lastIndexOf('openai'));
    assert.ok(order.indexOf('openrouter') < order.lastIndexOf('openai'));
  });
});
