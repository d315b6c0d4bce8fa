import * as path from 'node:path';
import { defineRule } from '../core/rule';
import { responseSources, turnsBufferingOff } from '../core/served-response';
import { callSitesBehind, hopTitle } from '../core/topology';
import type { Hop } from '../core/types';
import { bufferingOffFix } from '../languages/config/hop-fixes';

/** The streaming Next.js route the documented examples put behind the proxy. */
const STREAMING_ROUTE = `import OpenAI from 'openai';
const client = new OpenAI();
export async function POST(req: Request) {
  const { q } = await req.json();
  const stream = await client.chat.completions.create({ model: 'gpt-4o', stream: true, messages: [{ role: 'user', content: q }] });
  return new Response(stream.toReadableStream());
}
`;

/** Buffering this rule judges: raw nginx (on unless turned off) and Ingress controllers only when explicitly on. */
function buffers(hop: Hop): boolean {
  if (!hop.buffering?.on) return false;
  if (hop.kind === 'nginx') return true;
  return hop.kind === 'ingress-nginx' && hop.buffering.source === 'explicit';
}

/** Request paths whose tokens do not travel as a buffered HTTP response: WebSockets, Chainlit, Streamlit, chat bots. */
const NO_HTTP_STREAM = /\bWEBSOCKET\b|\bwebsockets connection handler\b|\bChainlit (message handler|action callback)\b|\bchat-bot message handler\b|\bStreamlit reruns\b/;

export default defineRule({
  id: 'sse-buffered-by-proxy',
  family: 'resilience',
  severity: 'warning',
  fixable: 'safe',
  languages: ['nginx', 'yaml'],
  defaultOptions: {},
  docs: {
    summary: 'nginx buffers the response of a route that streams LLM tokens, so they arrive in bursts or all at the end',
    why: [
      'Streaming exists so the first token reaches the user in a second instead of after the whole generation. nginx buffers proxied responses by default (`proxy_buffering on`): it collects the upstream\'s bytes into its buffers before passing them on, so server-sent events arrive in chunks of several kilobytes — or only when the model is done. Users see a spinner, time-to-first-token dashboards look fine upstream, and long generations hit the read timeout without a byte having reached the client.',
      '',
      'A call reached from a WebSocket handler (FastAPI/Starlette `@app.websocket`, a Tornado `WebSocketHandler`, a `websockets` server\'s connection handler) is left alone: nginx relays an upgraded connection as a tunnel, without `proxy_buffering`. So is one of a Chainlit `@cl.on_message` handler or a Streamlit script, whose tokens reach the browser over the app\'s own WebSocket, and one of a chat bot, which answers its platform rather than an HTTP client; a Gradio app streams over SSE and is still checked.',
      '',
      'Turn buffering off for the streaming location (`proxy_buffering off;`), or have the app send `X-Accel-Buffering: no` on streamed responses (sse-starlette\'s `EventSourceResponse` and the AI SDK 5 UI-message stream responses — `toUIMessageStreamResponse()`, `pipeUIMessageStreamToResponse()`, `createUIMessageStreamResponse()` — send it already; `toTextStreamResponse()` and the AI SDK 4 data stream responses — `toDataStreamResponse()`, `pipeDataStreamToResponse()` — do not). ingress-nginx already defaults to `proxy-buffering: "off"`; it is only flagged when set to `"on"`.',
    ].join('\n'),
    bad: [
      {
        language: 'nginx',
        code: `http {
  server {
    location /api/chat {
      proxy_pass http://chat:3000;
    }
  }
}
`,
        files: {
          'chat/app/api/chat/route.ts': STREAMING_ROUTE,
        },
      },
      {
        language: 'yaml',
        filename: 'deploy/ingress.yaml',
        code: `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: chat
  annotations:
    nginx.ingress.kubernetes.io/proxy-buffering: "on"
spec:
  ingressClassName: nginx
  rules:
    - http:
        paths:
          - path: /api/chat
            pathType: Prefix
            backend:
              service:
                name: chat
                port:
                  number: 3000
`,
        files: {
          'chat/app/api/chat/route.ts': STREAMING_ROUTE,
        },
      },
    ],
    good: [
      {
        language: 'nginx',
        code: `http {
  server {
    location /api/chat {
      proxy_pass http://chat:3000;
      proxy_buffering off;
    }
  }
}
`,
        files: {
          'chat/app/api/chat/route.ts': STREAMING_ROUTE,
        },
      },
      {
        language: 'yaml',
        filename: 'deploy/ingress.yaml',
        code: `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: chat
  annotations:
    nginx.ingress.kubernetes.io/proxy-buffering: "off"
spec:
  ingressClassName: nginx
  rules:
    - http:
        paths:
          - path: /api/chat
            pathType: Prefix
            backend:
              service:
                name: chat
                port:
                  number: 3000
`,
        files: {
          'chat/app/api/chat/route.ts': STREAMING_ROUTE,
        },
      },
    ],
    references: [
      'https://nginx.org/en/docs/http/ngx_http_proxy_module.html#proxy_buffering',
      'https://kubernetes.github.io/ingress-nginx/user-guide/nginx-configuration/configmap/#proxy-buffering',
      'https://github.com/sysid/sse-starlette/blob/main/sse_starlette/sse.py',
    ],
    fixSafety: 'Safe: `proxy_buffering off;` in the location (or `proxy-buffering: "off"` on the Ingress) only changes how responses are relayed; nginx then holds one upstream connection per slow client for the response\'s duration. No fix when an `include` in the location sets `proxy_buffering` (nginx rejects the directive written twice in one block).',
  },
  check(ctx) {
    for (const hop of ctx.file.hops) {
      if (hop.path !== ctx.file.path || !buffers(hop)) continue;
      // A WebSocket handler relays tokens over an upgraded connection, which nginx tunnels without buffering; so do
      // Chainlit and Streamlit apps, and a chat bot answers its platform, not an HTTP client.
      const streaming = callSitesBehind(hop, ctx.workspace).filter((s) => s.streaming === true && !NO_HTTP_STREAM.test(s.enclosingFunction?.requestPath ?? ''));
      if (streaming.length === 0) continue;
      // The app can switch buffering off per response; then nginx streams.
      if (streaming.some((s) => responseSources(s, ctx.workspace).some(turnsBufferingOff))) continue;
      const how = hop.buffering!.source === 'explicit' ? 'proxy_buffering is on' : 'proxy_buffering is on by default';
      ctx.report({
        span: hop.buffering!.source === 'explicit' && hop.buffering!.span ? hop.buffering!.span : hop.span,
        message: `${hopTitle(hop)} buffers responses (${how}) but proxies a streaming LLM response from ${path.relative(ctx.workspace.root, streaming[0].path).split(path.sep).join('/')}, so tokens reach the client in bursts`,
        fix: bufferingOffFix(hop, ctx.file.text),
        related: streaming.slice(0, 3).map((s) => ({ path: s.path, span: s.nameSpan, message: 'streaming LLM call behind this route' })),
      });
    }
  },
});
