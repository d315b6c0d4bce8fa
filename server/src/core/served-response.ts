// What the HTTP response around a streamed LLM call tells the proxy in front of it: whether it asks not to be
// buffered, and whether it keeps the connection busy while the model is silent.
import type { LlmCallSite } from './types';
import { importedWorkspaceModules } from './imported-modules';
import { importsModuleNamed, type WorkspaceView } from './workspace-view';

/**
 * Source of the code that may build the response around a call: its own module and the modules importing it (a
 * FastAPI route returning `EventSourceResponse(service.stream(q))` around a service module's call), and the workspace
 * modules these import, where the response's headers often live (an Express `setHeaders` middleware in the route's
 * chain, a shared `SSE_HEADERS` dict).
 */
export function responseSources(site: LlmCallSite, ws: WorkspaceView): string[] {
  // Asked for each hop in front of the call, by two rules: the importers are searched once per workspace view.
  let perView = sourcesCache.get(ws);
  if (!perView) sourcesCache.set(ws, (perView = new Map()));
  const cached = perView.get(site.path);
  if (cached) return cached;
  const python = site.path.endsWith('.py');
  const sameLanguage = [...ws.files()].filter((f) => f.path.endsWith('.py') === python);
  const texts = new Map<string, string>();
  texts.set(site.path, ws.readText(site.path) ?? '');
  const imports = importsModuleNamed(site.path);
  if (imports) {
    for (const f of sameLanguage) {
      if (f.path !== site.path && imports.test(f.text)) texts.set(f.path, f.text);
    }
  }
  const known = new Set(sameLanguage.map((f) => f.path));
  for (const [file, text] of [...texts]) {
    for (const dep of importedWorkspaceModules(file, text, known)) {
      if (!texts.has(dep)) texts.set(dep, ws.readText(dep) ?? '');
    }
  }
  const out = [...texts.values()];
  perView.set(site.path, out);
  return out;
}

const sourcesCache = new WeakMap<WorkspaceView, Map<string, string[]>>();

/**
 * The code sends `X-Accel-Buffering: no`, which nginx honours per response: by hand, through sse-starlette's
 * EventSourceResponse, which always sets it (sysid/sse-starlette, sse_starlette/sse.py, EventSourceResponse.__init__),
 * or through the AI SDK 5 UI-message stream responses (vercel/ai ui-message-stream-headers.ts UI_MESSAGE_STREAM_HEADERS).
 * Its text stream responses and the AI SDK 4 data stream responses (`toDataStreamResponse`, `createDataStreamResponse`,
 * `pipeDataStreamToResponse`: content type and X-Vercel-AI-Data-Stream only) send no such header.
 */
export function turnsBufferingOff(code: string): boolean {
  return (
    /['"`]x-accel-buffering['"`]/i.test(code) ||
    usesEventSourceResponse(code) ||
    /\.(toUIMessageStreamResponse|pipeUIMessageStreamToResponse)\s*\(|\b(createUIMessageStreamResponse|pipeUIMessageStreamToResponse)\s*\(/.test(code)
  );
}

/** sse-starlette's EventSourceResponse pings every DEFAULT_PING_INTERVAL = 15 s unless `ping=` says otherwise (sse_starlette/sse.py). */
const SSE_STARLETTE_PING_SECONDS = 15;

/**
 * Seconds between the keep-alive comments the response sends while the model has not answered yet, or null when it
 * sends none: sse-starlette's EventSourceResponse pings from a task of its own, so a proxy's read timeout longer than
 * the interval never runs out while the first token is awaited.
 */
export function keepAliveSeconds(code: string): number | null {
  if (!usesEventSourceResponse(code)) return null;
  const pings = [...code.matchAll(/\bEventSourceResponse\s*\(([^()]|\([^()]*\))*?\bping\s*=\s*(\d+(?:\.\d+)?)/g)].map((m) => Number(m[2]));
  return Math.max(SSE_STARLETTE_PING_SECONDS, ...pings.filter((p) => p > 0));
}

function usesEventSourceResponse(code: string): boolean {
  return /\bsse_starlette\b/.test(code) && /\bEventSourceResponse\s*\(/.test(code);
}
