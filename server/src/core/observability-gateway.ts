import { directClient } from './direct-clients';
import type { FileFacts, LlmCallSite } from './types';
import { instrumentationFor, type WorkspaceView } from './workspace-view';

/** Set-ups that observe only the calls routed through them: gateways whose URL or auth header the code writes. */
const GATEWAY_OBSERVABILITY = new Set(['cloudflare-ai-gateway', 'vercel-ai-gateway', 'helicone', 'portkey']);
const GATEWAY_HOSTS = /^https?:\/\/(gateway\.ai\.cloudflare\.com|[\w.-]*\.helicone\.ai|ai-gateway\.vercel\.sh|api\.portkey\.ai)\b/;
const BASE_URL_OPTIONS = ['baseURL', 'baseUrl', 'base_url', 'api_base', 'openai_api_base', 'anthropic_api_url', 'basePath'];

/**
 * The project's only GenAI observability is a gateway some clients are routed through, and this call's client goes
 * elsewhere: pointed at another host by a literal base URL (the app's own router on workers.dev), or straight to its
 * provider (no base URL, and no variable it reads is defined: what direct-provider-endpoint reports, unless some code
 * of the workspace reads that variable). The host it goes to, which the gateway never sees; else null.
 */
export function bypassesObservabilityGateway(ws: WorkspaceView, file: Pick<FileFacts, 'language' | 'instrumentation'>, site: LlmCallSite): string | null {
  const ids = new Set([...instrumentationFor(ws, file.language), ...file.instrumentation]);
  if (ids.size === 0 || ![...ids].every((id) => GATEWAY_OBSERVABILITY.has(id))) return null;
  // Raw HTTP to a provider's own URL (`fetch('https://api.together.xyz/v1/chat/completions', …)`) next to clients
  // routed through the gateway.
  if (site.sdk === 'http') return site.provider !== 'unknown' && site.httpUrl && /^https?:\/\/[^{]/.test(site.httpUrl) && !GATEWAY_HOSTS.test(site.httpUrl) ? hostOf(site.httpUrl) : null;
  if (!site.client) return null;
  for (const key of BASE_URL_OPTIONS) {
    const v = site.client.args.options[key]?.value;
    if (v?.kind === 'string' && /^https?:\/\//.test(v.value) && !GATEWAY_HOSTS.test(v.value)) return hostOf(v.value);
  }
  const direct = directClient(site.client, ws);
  // Code that reads the variable itself (`baseURL: process.env.OPENAI_BASE_URL` for the gateway's client) says the
  // deployment sets it, and a client without a base URL reads it too.
  if (!direct || direct.liveEnv.some((name) => [...ws.files()].some((f) => f.envReads.includes(name)))) return null;
  return direct.host;
}

function hostOf(url: string): string {
  return url.replace(/^https?:\/\//, '').split('/')[0];
}
