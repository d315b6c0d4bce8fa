// Which call sites of the workspace may send through a client construction. Rules ask once per client of every file
// they check: scanning every call site of the workspace each time made a workspace lint quadratic in its size.
import type { ClientFact, FileFacts, LlmCallSite } from './types';
import type { WorkspaceView } from './workspace-view';

interface ClientIndex {
  /** Sites by the construction they resolved to, another one their name is bound to, or their agent's model client. */
  byClient: Map<string, LlmCallSite[]>;
  /** Agents that send through the SDK's default client (`agentClient: 'default'`). */
  viaDefault: LlmCallSite[];
}

const indexes = new WeakMap<WorkspaceView, ClientIndex>();

function key(path: string, start: number): string {
  return `${start}\0${path}`;
}

function indexOf(ws: WorkspaceView): ClientIndex {
  let index = indexes.get(ws);
  if (index) return index;
  index = { byClient: new Map(), viaDefault: [] };
  const add = (k: string, site: LlmCallSite) => {
    const list = index!.byClient.get(k);
    if (!list) index!.byClient.set(k, [site]);
    else if (list[list.length - 1] !== site) list.push(site);
  };
  for (const site of ws.callSites()) {
    if (site.client) add(key(site.client.path, site.client.span.start), site);
    for (const o of site.otherClients ?? []) add(key(o.path, o.start), site);
    if (site.agentClient === 'default') index.viaDefault.push(site);
    else if (site.agentClient) add(key(site.agentClient.path, site.agentClient.start), site);
  }
  indexes.set(ws, index);
  return index;
}

/**
 * The call sites that may send through `client`: this file's own (as the rule was handed them) and those of the other
 * files of the workspace whose client, other possible clients or agent client is this construction, plus agents
 * using the SDK's default client when it is one. A superset: rules still test each site for the link they need.
 */
export function sitesNear(client: ClientFact, file: FileFacts, ws: WorkspaceView): LlmCallSite[] {
  const index = indexOf(ws);
  const elsewhere = (index.byClient.get(key(client.path, client.span.start)) ?? []).filter((s) => s.path !== file.path);
  const defaults = client.agentsDefault ? index.viaDefault.filter((s) => s.path !== file.path) : [];
  return [...file.callSites, ...elsewhere, ...defaults];
}
