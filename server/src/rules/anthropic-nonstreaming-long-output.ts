import { nonStreamingLimit, optionNames } from '../core/catalog';
import { defineRule } from '../core/rule';
import type { LlmCallSite } from '../core/types';

const METHODS = new Set(['messages.create', 'beta.messages.create']);

/** The guard is disarmed by a client-level timeout (TypeScript) or a per-request / non-default client timeout (Python). */
function guardDisarmed(site: LlmCallSite): boolean {
  const language = site.language === 'python' ? 'python' : 'typescript';
  const names = optionNames('anthropic', language);
  const timeoutKeys = names?.client.timeout ?? ['timeout'];
  if (site.client && timeoutKeys.some((k) => k in site.client!.args.options)) return true;
  if (language === 'python' && (names?.request.timeout ?? ['timeout']).some((k) => k in site.args.options)) return true;
  return false;
}

export default defineRule({
  id: 'anthropic-nonstreaming-long-output',
  family: 'resilience',
  severity: 'error',
  fixable: 'safe',
  languages: ['typescript', 'javascript', 'python'],
  docs: {
    summary: 'Non-streaming Anthropic call whose max_tokens makes the SDK refuse it',
    why: [
      'Before sending a non-streaming `messages.create`, the Anthropic SDKs estimate how long it may take: **60 min × max_tokens / 128,000**. Above 10 minutes — `max_tokens` over **21,333** — they throw *"Streaming is required for operations that may take longer than 10 minutes"* without sending anything. Some models have a lower non-streaming ceiling in the SDK (Claude Opus 4 / 4.1: **8,192**).',
      '',
      'The call fails on every request, in production, at whatever `max_tokens` a config change set. Streaming has no such limit: `messages.stream(...).finalMessage()` returns the same `Message` once the stream completes.',
      '',
      'In TypeScript a client-level `timeout` disarms the check (the request is then sent and may be cut by that timeout); in Python a per-request `timeout=` or a non-default client timeout does.',
    ].join('\n'),
    bad: [
      {
        language: 'typescript',
        code: "import Anthropic from '@anthropic-ai/sdk';\n\nconst anthropic = new Anthropic();\n\nexport async function draft(topic: string) {\n  const msg = await anthropic.messages.create({\n    model: 'claude-sonnet-4-5',\n    max_tokens: 32000,\n    messages: [{ role: 'user', content: `Write a report on ${topic}` }],\n  });\n  return msg.content;\n}\n",
      },
    ],
    good: [
      {
        language: 'typescript',
        code: "import Anthropic from '@anthropic-ai/sdk';\n\nconst anthropic = new Anthropic();\n\nexport async function draft(topic: string) {\n  const msg = await anthropic.messages\n    .stream({\n      model: 'claude-sonnet-4-5',\n      max_tokens: 32000,\n      messages: [{ role: 'user', content: `Write a report on ${topic}` }],\n    })\n    .finalMessage();\n  return msg.content;\n}\n",
      },
      {
        language: 'typescript',
        code: "import Anthropic from '@anthropic-ai/sdk';\n\nconst anthropic = new Anthropic();\n\nexport async function summarize(text: string) {\n  const msg = await anthropic.messages.create({\n    model: 'claude-sonnet-4-5',\n    max_tokens: 4096,\n    messages: [{ role: 'user', content: text }],\n  });\n  return msg.content;\n}\n",
      },
    ],
    references: [
      'https://github.com/anthropics/anthropic-sdk-typescript#long-requests',
      'https://github.com/anthropics/anthropic-sdk-python#long-requests',
      'https://docs.anthropic.com/en/api/streaming',
    ],
    fixSafety:
      'Safe (TypeScript): `messages.create(params)` becomes `messages.stream(params).finalMessage()`, which resolves to the same `Message`. Not offered when the call result is chained (`.withResponse()`), nor in Python, where `with client.messages.stream(...) as s: s.get_final_message()` changes the statement shape.',
  },
  defaultOptions: {},
  check(ctx) {
    const { file, writer } = ctx;
    for (const site of file.callSites) {
      if (site.sdk !== 'anthropic' || !METHODS.has(site.method) || site.streaming === true) continue;
      if (site.maxOutputTokens === null) continue;
      const limit = nonStreamingLimit(site.model.value);
      if (site.maxOutputTokens <= limit.maxTokens) continue;
      if (guardDisarmed(site)) continue;
      const message = `${site.method} asks for max_tokens ${site.maxOutputTokens} without streaming, above the SDK's non-streaming limit of ${limit.maxTokens}, so it throws "Streaming is required…" before sending`;
      let fix;
      if (writer && writer.language !== 'python' && file.text.slice(site.nameSpan.start, site.nameSpan.end) === 'create') {
        // `.withResponse()` / `.asResponse()` exist only on the APIPromise that create returns.
        const after = file.text.slice(site.span.end).trimStart();
        if (!after.startsWith('.') && !after.startsWith('?.')) {
          fix = {
            title: 'Stream the response and await finalMessage()',
            edits: [
              { start: site.nameSpan.start, end: site.nameSpan.end, newText: 'stream' },
              { start: site.span.end, end: site.span.end, newText: '.finalMessage()' },
            ],
            safety: 'safe' as const,
          };
        }
      }
      // When the client is unknown its timeout may disarm the check: say less.
      ctx.report({ span: site.nameSpan, message, fix, severity: site.client ? undefined : 'warning' });
    }
  },
});
