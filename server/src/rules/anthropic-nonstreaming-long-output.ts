import { nonStreamingLimit, optionNames } from '../core/catalog';
import type { CodeWriter } from '../core/code-writer';
import { defineRule } from '../core/rule';
import { lineBreakOf } from '../core/text';
import type { Fix, LlmCallSite } from '../core/types';
import { callName } from '../core/types';

const METHODS = new Set(['messages.create', 'beta.messages.create']);

/** The guard is disarmed by a client-level timeout (TypeScript) or a per-request / non-default client timeout (Python). */
function guardDisarmed(site: LlmCallSite): boolean {
  const language = site.language === 'python' ? 'python' : 'typescript';
  const names = optionNames('anthropic', language);
  const timeoutKeys = names?.client.timeout ?? ['timeout'];
  if (site.client && timeoutKeys.some((k) => k in site.client!.args.options)) return true;
  // TypeScript's withOptions() copies the client's resolved timeout into the copy's options, which disarms the check
  // whatever the copy changes (@anthropic-ai/sdk 0.78, run with a fake fetch). Python's with_options() keeps the
  // default timeout, so only a timeout given to the copy does.
  if (site.copyOptions && (language === 'typescript' || timeoutKeys.some((k) => k in site.copyOptions!.options))) return true;
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
      'Before sending a non-streaming `messages.create`, the Anthropic SDKs estimate how long it may take: **60 min × max_tokens / 128,000**. Above 10 minutes — `max_tokens` over **21,333** — they throw *"Streaming is required for operations that may take longer than 10 minutes"* without sending anything. Some models have a lower non-streaming ceiling in the SDK (Claude Opus 4 / 4.1: **8,192**), looked up by exact model id in each SDK\'s own table: the Python SDK lists Opus 4.1 only under its Bedrock and Vertex ids, so `claude-opus-4-1-20250805` gets the general ceiling there.',
      '',
      'The call fails on every request, in production, at whatever `max_tokens` a config change set. Streaming has no such limit: `messages.stream(...).finalMessage()` returns the same `Message` once the stream completes.',
      '',
      'A `max_tokens` read from the environment with a default (`parseInt(process.env.MAX_TOKENS || \'64000\')`, `Number(process.env.MAX_TOKENS ?? 64000)`, `Number(process.env.MAX_TOKENS) || 64000`, in the call, a `const` or a config object) is judged by its default, which is what runs unless the variable is set; the message says so. Without a default (`parseInt(process.env.MAX_TOKENS!)`) the value is unknown and the call is left alone.',
      '',
      'In TypeScript a client-level `timeout` disarms the check (the request is then sent and may be cut by that timeout), and so does any `client.withOptions(…)` copy, which carries the resolved timeout over; in Python a per-request `timeout=`, a non-default client timeout or a `with_options(timeout=…)` copy does (a `with_options(max_retries=0)` copy keeps the default timeout, and the check).',
    ].join('\n'),
    bad: [
      {
        language: 'typescript',
        code: "import Anthropic from '@anthropic-ai/sdk';\n\nconst anthropic = new Anthropic();\n\nexport async function draft(topic: string) {\n  const msg = await anthropic.messages.create({\n    model: 'claude-sonnet-4-5',\n    max_tokens: 32000,\n    messages: [{ role: 'user', content: `Write a report on ${topic}` }],\n  });\n  return msg.content;\n}\n",
      },
      {
        language: 'python',
        code: `from anthropic import Anthropic

client = Anthropic()


def draft(topic: str) -> str:
    msg = client.messages.create(
        model="claude-sonnet-4-5",
        max_tokens=32000,
        messages=[{"role": "user", "content": f"Write a report on {topic}"}],
    )
    return msg.content[0].text
`,
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
      {
        language: 'python',
        code: `from anthropic import Anthropic

client = Anthropic()


def draft(topic: str) -> str:
    with client.messages.stream(
        model="claude-sonnet-4-5",
        max_tokens=32000,
        messages=[{"role": "user", "content": f"Write a report on {topic}"}],
    ) as stream:
        msg = stream.get_final_message()
    return msg.content[0].text
`,
      },
    ],
    references: [
      'https://github.com/anthropics/anthropic-sdk-typescript#long-requests',
      'https://github.com/anthropics/anthropic-sdk-python#long-requests',
      'https://docs.anthropic.com/en/api/streaming',
    ],
    fixSafety:
      'Safe: in TypeScript `messages.create(params)` becomes `messages.stream(params).finalMessage()`, which resolves to the same `Message`; not offered when the call result is chained (`.withResponse()`). In Python the statement moves into `with client.messages.stream(...) as stream:` (`async with` for an awaited call) and the call becomes `stream.get_final_message()`; offered only when nothing but a plain binding or `return` precedes the call in its statement and only attribute or index reads follow it, so the order of evaluation is unchanged.',
  },
  defaultOptions: {},
  check(ctx) {
    const { file, writer } = ctx;
    for (const site of file.callSites) {
      if (site.sdk !== 'anthropic' || !METHODS.has(site.method) || site.streaming === true) continue;
      if (site.maxOutputTokens === null) continue;
      // `stream=stream` / `stream: opts.stream`: a flag the caller decides; the SDK refuses only when it is false.
      const streamOpt = site.args.options.stream?.value;
      if (streamOpt && !(streamOpt.kind === 'boolean' && !streamOpt.value)) continue;
      const limit = nonStreamingLimit(site.model.value, site.language === 'python' ? 'python' : 'typescript');
      if (site.maxOutputTokens <= limit.maxTokens) continue;
      if (guardDisarmed(site)) continue;
      // A setting's default (`parseInt(process.env.MAX_TOKENS || '64000')`) is what runs unless the variable is set.
      const env = site.maxOutputTokensEnv;
      const asked = env === undefined ? `max_tokens ${site.maxOutputTokens}` : `max_tokens ${site.maxOutputTokens} by default (${env ? `when ${env} is unset` : 'when the variable is unset'})`;
      const message = `${callName(site)} asks for ${asked} without streaming, above the SDK's non-streaming limit of ${limit.maxTokens}, so it throws "Streaming is required…" before sending`;
      let fix;
      // `asyncio.to_thread(client.messages.create, …)` hands the method on: the call is not written here to rewrite.
      const calledHere = /^\s*\(/.test(file.text.slice(site.nameSpan.end, site.nameSpan.end + 200));
      if (calledHere && writer && writer.language !== 'python' && file.text.slice(site.nameSpan.start, site.nameSpan.end) === 'create') {
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
      } else if (calledHere && writer?.language === 'python' && site.path === file.path && file.text.slice(site.nameSpan.start, site.nameSpan.end) === 'create') {
        fix = pythonStreamFix(site, file.text, writer);
      }
      // When the client is unknown its timeout may disarm the check: say less.
      ctx.report({ span: site.nameSpan, message, fix, severity: site.client ? undefined : 'warning' });
    }
  },
});

/**
 * Python: `msg = [await] client.messages.create(...)` becomes
 * `[async ]with client.messages.stream(...) as stream:` + `msg = [await] stream.get_final_message()` (the same `Message`).
 */
function pythonStreamFix(site: LlmCallSite, text: string, writer: CodeWriter): Fix | undefined {
  const awaited = /\bawait\s+$/.exec(text.slice(Math.max(0, site.span.start - 40), site.span.start));
  // An async client's create() without `await` hands its coroutine on: leave it.
  if (!awaited && (!site.client || /^Async/.test(site.client.className))) return undefined;
  const callStart = awaited ? site.span.start - awaited[0].length : site.span.start;
  const probe = writer.insertStatementBefore(text, site.span.start, 'x');
  const start = probe.start;
  const indent = probe.newText.slice(0, probe.newText.indexOf('x'));
  const end = writer.insertStatementAfter(text, Math.max(site.span.start, site.span.end - 1), 'x').start;
  if (callStart < start + indent.length || site.span.end > end) return undefined;
  const prefix = text.slice(start + indent.length, callStart);
  const suffix = text.slice(site.span.end, end);
  // Only a plain binding or return before the call and attribute or index reads after it: nothing else is evaluated
  // around the call, so moving it into the `with` header keeps the order of effects.
  if (!/^(?:[\p{L}_][\p{L}\p{N}_.]*\s*(?::[^=\n]+)?=\s*|return\s+)?\(*$/u.test(prefix)) return undefined;
  if (!/^(?:\s*\)|\.[\p{L}_][\p{L}\p{N}_]*|\[[^\]\n]*\])*[ \t]*(?:#[^\n]*)?\r?$/u.test(suffix)) return undefined;
  const fnSpan = site.enclosingFunction?.span ?? { start: 0, end: text.length };
  const others = text.slice(fnSpan.start, site.span.start) + text.slice(site.span.end, fnSpan.end);
  let name = 'stream';
  for (let i = 1; new RegExp(`\\b${name}\\b`).test(others); i++) name = i === 1 ? 'message_stream' : `message_stream_${i}`;
  // messages.stream() takes no `stream` argument: drop `stream=False` with its comma.
  let from = site.nameSpan.end;
  let call = text.slice(site.span.start, site.nameSpan.start) + 'stream';
  const streamOpt = site.args.options.stream;
  // `stream=False` kept in a dict the call spreads: messages.stream() would get it too, and the dict may be shared.
  if (streamOpt && (streamOpt.span.start < site.span.start || streamOpt.span.end > site.span.end)) return undefined;
  if (streamOpt) {
    const after = /^\s*,\s*/.exec(text.slice(streamOpt.span.end, site.span.end));
    const before = /,\s*$/.exec(text.slice(site.nameSpan.end, streamOpt.span.start));
    let cutStart = after ? streamOpt.span.start : streamOpt.span.start - (before?.[0].length ?? 0);
    let cutEnd = after ? streamOpt.span.end + after[0].length : streamOpt.span.end;
    // On a line of its own: drop the line.
    const lineStart = text.lastIndexOf('\n', streamOpt.span.start - 1) + 1;
    const rest = /^[ \t]*,?[ \t]*\r?\n/.exec(text.slice(streamOpt.span.end));
    if (rest && text.slice(lineStart, streamOpt.span.start).trim() === '' && lineStart > site.nameSpan.end) {
      cutStart = lineStart;
      cutEnd = streamOpt.span.end + rest[0].length;
    }
    call += text.slice(from, cutStart);
    from = cutEnd;
  }
  call += text.slice(from, site.span.end);
  const unit = indent.startsWith('\t') ? '\t' : '    ';
  const nl = lineBreakOf(text);
  const newText = `${indent}${awaited ? 'async ' : ''}with ${call} as ${name}:${nl}${indent}${unit}${prefix}${awaited ? 'await ' : ''}${name}.get_final_message()${suffix}`;
  return { title: 'Stream the response and take get_final_message()', edits: [{ start, end, newText }], safety: 'safe' };
}
