// YAML infrastructure files → hops, env definitions, endpoints and committed secrets.
import * as path from 'node:path';
import type { Node } from 'yaml';
import { keyProviderOfName, looksLikeApiKey, providerForUrl } from '../../core/catalog/providers';
import { emptyFacts, type FrontEnd, type ProjectFiles } from '../../core/front-end';
import type { FileFacts, Provider, Span } from '../../core/types';
import type { ConfigHop } from './config-hop';
import { isCompose, readCompose } from './compose';
import { embeddedNginxBlocks, embeddedYamlBlocks, remapSpans } from './embedded-yaml';
import { analyzeNginx } from './nginx-front-end';
import { looksLikeEnvoy, readEnvoy } from './envoy';
import { readHttpRoute, workspaceGateways, type GatewayIndex } from './gateway-api';
import { helmTemplateAt, isHelmValues, readHelmValues } from './helm';
import { readHelmValuesIngress } from './helm-ingress';
import { readDestinationRule, readVirtualService, sameHost } from './istio';
import { ingressClassesIn, ingressNginxSettings, readKubernetes } from './kubernetes';
import { litellmConfigIn, OS_ENVIRON_REF, readableLitellmConfig, readLitellm } from './litellm';
import { eachScalar, get, isMap, parseYaml, str, type YPath } from './yaml-ast';
import type { YamlContext } from './yaml-context';

/** `.yaml` / `.yml` files that are configuration: not lock files, not inside node_modules. */
export function isYamlPath(p: string): boolean {
  if (!/\.ya?ml$/i.test(p)) return false;
  if (/(^|[\\/])node_modules([\\/]|$)/.test(p)) return false;
  const base = path.basename(p).toLowerCase();
  return !/(^|[-._])lock\.ya?ml$/.test(base);
}

/** Keys whose value configures where a client sends requests. */
const BASE_URL_KEY = /(base_?url|api_?base|base$|endpoint|host_?url|^url$)/i;

/** A YAML front end. Keeps which files looked up Gateways elsewhere, so they are re-analysed when those change. */
export function createYamlFrontEnd(): FrontEnd {
  // Files whose facts depend on other files (HTTPRoutes on Gateways, Ingresses on the controller's ConfigMap).
  const crossFileReaders = new Set<string>();
  return {
    languageOf: (p) => (isYamlPath(p) ? 'yaml' : null),
    analyze(p, text, project) {
      crossFileReaders.delete(p);
      const facts = analyzeYaml(p, text, project, () => crossFileReaders.add(p));
      return facts;
    },
    writer: () => null,
    dependents: (p) => (isYamlPath(p) ? [...crossFileReaders].filter((f) => f !== p) : []),
    forget: (p) => {
      crossFileReaders.delete(p);
    },
  };
}

/** Analyses one YAML file. Never throws: parse errors, Helm templates and unexpected shapes become `errors`. `onCrossFileLookup` is called when facts depend on other files. */
export function analyzeYaml(p: string, text: string, project?: ProjectFiles, onCrossFileLookup?: () => void): FileFacts {
  const facts = emptyFacts(p, 'yaml', text);
  const helmAt = helmTemplateAt(text, p);
  if (helmAt >= 0) {
    facts.errors.push({ path: p, message: 'Helm template skipped: it holds {{ }} template actions and is only YAML once Helm renders it', span: { start: helmAt, end: helmAt + 2 } });
    return facts;
  }
  const parsed = parseYaml(text);
  // LiteLLM reads its config with PyYAML, which keeps the last of repeated keys: such a config is analysed as the
  // proxy loads it, and the user learns the earlier settings are ignored. Other readers (kubectl, Compose, Helm)
  // reject the document, as its errors say.
  const loadedByPyyaml = new Set(parsed.docs.filter((d) => d.repeatedKeys && readableLitellmConfig(d, isHelmValues(p))).map((d) => d.index));
  const noted = new Set<number>();
  for (const e of parsed.errors) {
    if (e.repeatedKeysOf === undefined || !loadedByPyyaml.has(e.repeatedKeysOf)) facts.errors.push({ path: p, message: e.message, span: e.span });
    else if (!noted.has(e.repeatedKeysOf)) {
      noted.add(e.repeatedKeysOf);
      for (const r of parsed.docs[e.repeatedKeysOf].repeatedKeys!) {
        const line = (offset: number) => text.slice(0, offset).split('\n').length;
        facts.errors.push({ path: p, message: `YAML document ${e.repeatedKeysOf + 1}: '${r.key}' is repeated (lines ${line(r.span.start)} and ${line(r.keptAt.start)}); LiteLLM loads this config with PyYAML, which keeps only the last one, so what line ${line(r.span.start)} sets is ignored (analysed as loaded)`, span: r.span });
      }
    }
  }
  const outliers: Array<{ host: string; note: string }> = [];
  let gateways: GatewayIndex | undefined;
  let controller: ReturnType<typeof ingressNginxSettings> | undefined;
  const controllerSettings = () => {
    onCrossFileLookup?.();
    if (controller === undefined) controller = ingressNginxSettings(project, { path: p, text });
    return controller;
  };
  let classes: ReturnType<typeof ingressClassesIn> | undefined;
  const ingressClasses = () => {
    onCrossFileLookup?.();
    return (classes ??= ingressClassesIn(project, { path: p, text }));
  };
  for (const entry of parsed.docs) {
    const { doc, index } = entry;
    const ok = entry.ok || loadedByPyyaml.has(index);
    if (!ok || doc.contents === null) continue;
    const ctx: YamlContext = { path: p, text, doc, docIndex: index, facts, project, ingressNginxSettings: controllerSettings, ingressClasses };
    try {
      const root = doc.contents;
      const kind = str(doc, get(doc, root, 'kind'));
      const apiVersion = str(doc, get(doc, root, 'apiVersion')) ?? '';
      const litellm = litellmConfigIn(doc, isHelmValues(p));
      if (kind && apiVersion) {
        if (readKubernetes(ctx, kind, apiVersion)) {
          // handled
        } else if (kind === 'VirtualService' && apiVersion.includes('istio')) readVirtualService(ctx);
        else if (kind === 'DestinationRule' && apiVersion.includes('istio')) {
          const o = readDestinationRule(ctx);
          if (o) outliers.push(o);
        } else if (kind === 'HTTPRoute' && apiVersion.startsWith('gateway.networking.k8s.io')) {
          onCrossFileLookup?.();
          gateways ??= workspaceGateways(project, { path: p, text });
          readHttpRoute(ctx, gateways);
        } else if (kind === 'AIGatewayRoute' && apiVersion.startsWith('aigateway.envoyproxy.io')) {
          onCrossFileLookup?.();
          gateways ??= workspaceGateways(project, { path: p, text });
          readHttpRoute(ctx, gateways, 'AIGatewayRoute');
        }
      } else if (isMap(root)) {
        const wholeDoc = litellm?.node === root;
        if (litellm && wholeDoc) readLitellm(ctx, litellm);
        else if (isCompose(doc, p)) readCompose(ctx);
        else if (looksLikeEnvoy(text.slice(doc.range[0], doc.range[2]))) readEnvoy(ctx);
        if (isHelmValues(p) && !wholeDoc) {
          // The LiteLLM chart's `proxy_config` is the proxy's config.yaml, not env for the chart's own containers.
          readHelmValues(ctx, litellm?.node);
          if (litellm) readLitellm(ctx, litellm);
          readHelmValuesIngress(ctx, onCrossFileLookup);
        }
      }
      scanLiterals(ctx, kind, litellm?.path ?? null);
      if (kind === 'ConfigMap') {
        readEmbeddedLitellm(ctx);
        readEmbeddedNginx(ctx);
      }
    } catch (e) {
      facts.errors.push({ path: p, message: `YAML document ${index + 1} could not be analysed: ${(e as Error).message}`, span: { start: doc.range[0], end: doc.range[0] } });
    }
  }
  for (const hop of facts.hops as ConfigHop[]) {
    if (hop.kind !== 'istio') continue;
    for (const o of outliers) if (hop.routes.upstreams.some((u) => sameHost(u, o.host))) (hop.notes ??= []).push(o.note);
  }
  return facts;
}

/**
 * A LiteLLM config shipped inside a ConfigMap (`data: { config.yaml: | ... }`) is read like a file of its own, its
 * facts mapped back onto the ConfigMap's lines. Its gateway hop carries no edit target: fixes that rewrite hops
 * would address the ConfigMap document, not the block.
 */
function readEmbeddedLitellm(ctx: YamlContext): void {
  for (const block of embeddedYamlBlocks(ctx.doc, ctx.text)) {
    for (const entry of parseYaml(block.text).docs) {
      const { doc, index } = entry;
      const litellm = readableLitellmConfig(entry, false);
      if (!litellm) continue;
      const inner = emptyFacts(ctx.path, 'yaml', block.text);
      const innerCtx: YamlContext = { ...ctx, text: block.text, doc, docIndex: index, facts: inner };
      readLitellm(innerCtx, litellm);
      scanLiterals(innerCtx, null, litellm.path);
      for (const hop of inner.hops as ConfigHop[]) delete hop.target;
      const { hops, secrets, endpoints, envDefinitions, envReads } = remapSpans(block, inner);
      ctx.facts.hops.push(...hops);
      ctx.facts.secrets.push(...secrets);
      ctx.facts.endpoints.push(...endpoints);
      ctx.facts.envDefinitions.push(...envDefinitions);
      for (const name of envReads) if (!ctx.facts.envReads.includes(name)) ctx.facts.envReads.push(name);
    }
  }
}

/**
 * An nginx config shipped in a ConfigMap is read like an nginx file of its own (its includes are not followed), its
 * hops mapped back onto the ConfigMap's lines. They carry no edit target: fixes would address the ConfigMap document.
 */
function readEmbeddedNginx(ctx: YamlContext): void {
  for (const block of embeddedNginxBlocks(ctx.doc, ctx.text)) {
    const inner = analyzeNginx(ctx.path, block.text);
    for (const hop of inner.hops as ConfigHop[]) delete hop.target;
    ctx.facts.hops.push(...remapSpans(block, inner.hops));
  }
}

/**
 * Provider URLs, committed API keys and `os.environ/X` references in any string value. Below `litellmAt` (the
 * LiteLLM config's path) provider URLs are where the gateway sends calls, not a client's base URL.
 */
function scanLiterals(ctx: YamlContext, kind: string | null, litellmAt: YPath | null): void {
  const { doc, facts, text } = ctx;
  eachScalar(doc, (raw, node, keys, parent) => {
    const litellm = litellmAt !== null && litellmAt.every((k, i) => keys[i] === k);
    let value = raw;
    let offset = 0;
    let name = keys[keys.length - 1] ?? '';
    const secretData = kind === 'Secret' && keys[0] === 'data';
    const assignment = secretData ? null : /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(raw);
    if (assignment) {
      name = assignment[1];
      value = assignment[2];
      offset = assignment[1].length + 1;
    } else if (name === 'value' && parent && isMap(parent)) {
      name = str(doc, get(doc, parent, 'name')) ?? name;
    }
    if (secretData) value = decodeBase64(value) ?? '';
    const ref = OS_ENVIRON_REF.exec(value.trim());
    if (ref) {
      if (!facts.envReads.includes(ref[1])) facts.envReads.push(ref[1]);
      return;
    }
    const span = innerSpan(text, node, offset, value.length, secretData);
    if (!span) return;
    const provider = value.length < 2048 ? providerForUrl(value) : null;
    if (provider) {
      facts.endpoints.push({ path: ctx.path, span, url: value.trim(), provider, role: !litellm && BASE_URL_KEY.test(name) ? 'base-url' : 'other' });
      return;
    }
    const secret = value.length < 512 ? looksLikeApiKey(value, keyOwnerNamed(doc, name, parent, litellm)) : null;
    if (secret) facts.secrets.push({ path: ctx.path, span, provider: secret.provider, masked: secret.masked });
  });
}

/**
 * The provider whose key the setting holds by its name (`AZURE_API_KEY` as a Kubernetes env entry, a compose
 * variable or a map key), or, in a LiteLLM config, the `api_key` of a deployment whose model is `azure/…`.
 */
function keyOwnerNamed(doc: YamlContext['doc'], name: string, parent: Node | null, litellm: boolean): Provider | null {
  if (litellm && name === 'api_key' && parent && isMap(parent)) {
    return /^azure\//.test(str(doc, get(doc, parent, 'model'))?.trim() ?? '') ? 'azure-openai' : null;
  }
  return keyProviderOfName(name);
}

/** The span of `length` characters at `offset` inside a scalar's value; the whole scalar when the text is not verbatim. */
function innerSpan(text: string, node: Node, offset: number, length: number, whole: boolean): Span | undefined {
  const r = node.range;
  if (!r) return undefined;
  const src = text.slice(r[0], r[1]);
  const quote = src[0] === '"' || src[0] === "'" ? 1 : 0;
  const start = r[0] + quote + offset;
  if (whole || src[0] === '|' || src[0] === '>' || start + length > r[1]) return { start: r[0], end: r[1] };
  return { start, end: start + length };
}

function decodeBase64(s: string): string | null {
  const v = s.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(v) || v.length > 4096) return null;
  try {
    return Buffer.from(v, 'base64').toString('utf8');
  } catch {
    return null;
  }
}
