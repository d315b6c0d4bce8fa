// nginx configuration → one hop per `location` that proxies, with settings inherited from http/server context.
import * as fs from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';
import { NGINX } from '../../core/catalog/infra-defaults';
import { providerForUrl } from '../../core/catalog/providers';
import { emptyFacts, type FrontEnd, type ProjectFiles } from '../../core/front-end';
import type { FileFacts, NginxServerRoutes, Span } from '../../core/types';
import type { ConfigHop } from './config-hop';
import { directChildren, parseNginx, parseNginxTime, type NginxDirective } from './nginx-parser';

// A snippet meant for `include` holds bare directives: `proxy_read_timeout 300s;` is nginx, `timeout 0` (redis.conf) is not.
const NGINX_TEXT = /^[ \t]*(?:(?:server|http|upstream)[ \t]*\{|location[ \t]+[^\n{]*\{|proxy_pass[ \t]|proxy_[a-z_]+[ \t]+[^\n;{}]*;)/m;
const sniffCache = new Map<string, { mtime: number; size: number; nginx: boolean }>();

/** Whether a path is nginx configuration: `nginx.conf`, `*.nginx`, `sites-*` files, `*.conf` under an nginx path or with nginx content. */
export function isNginxPath(p: string): boolean {
  if (/(^|[\\/])node_modules([\\/]|$)/.test(p)) return false;
  const base = path.basename(p).toLowerCase();
  if (base === 'nginx.conf' || base.endsWith('.nginx') || /\.nginx\.conf$/.test(base)) return true;
  if (/[\\/]sites-(available|enabled)[\\/][^\\/.]+$/.test(p)) return true;
  if (!/\.conf(\.template)?$/.test(base)) return false;
  if (/nginx/i.test(p)) return true;
  return sniff(p);
}

/** Reads the start of a `.conf` file once per modification to see whether it is nginx syntax. */
function sniff(p: string): boolean {
  try {
    const st = fs.statSync(p);
    const hit = sniffCache.get(p);
    if (hit && hit.mtime === st.mtimeMs && hit.size === st.size) return hit.nginx;
    const fd = fs.openSync(p, 'r');
    const buf = Buffer.alloc(Math.min(8192, st.size));
    try {
      fs.readSync(fd, buf, 0, buf.length, 0);
    } finally {
      fs.closeSync(fd);
    }
    const nginx = NGINX_TEXT.test(buf.toString('utf8'));
    if (sniffCache.size > 2000) sniffCache.clear();
    sniffCache.set(p, { mtime: st.mtimeMs, size: st.size, nginx });
    return nginx;
  } catch {
    return false;
  }
}

/** An nginx front end. It remembers the include graph so includers and included files are re-analysed together. */
export function createNginxFrontEnd(): FrontEnd {
  const includes = new Map<string, Set<string>>();
  return {
    languageOf: (p) => (isNginxPath(p) ? 'nginx' : null),
    analyze(p, text, project) {
      const used = new Set<string>();
      const facts = analyzeNginx(p, text, project, used);
      includes.set(p, used);
      return facts;
    },
    writer: () => null,
    dependents(p) {
      const out = new Set<string>(includes.get(p) ?? []);
      for (const [file, used] of includes) if (used.has(p)) out.add(file);
      out.delete(p);
      return [...out];
    },
    forget(p) {
      includes.delete(p);
    },
  };
}

interface Setting {
  directive: NginxDirective;
}

interface Settings {
  /** An unresolved `include` in scope: settings not written in the workspace are unknown, not nginx's defaults. */
  unknownFrom?: NginxDirective;
  read?: Setting;
  send?: Setting;
  nextUpstream?: Setting;
  tries?: Setting;
  buffering?: Setting;
}

const SETTING_NAMES: Record<string, Exclude<keyof Settings, 'unknownFrom'>> = {
  proxy_read_timeout: 'read',
  proxy_send_timeout: 'send',
  proxy_next_upstream: 'nextUpstream',
  proxy_next_upstream_tries: 'tries',
  proxy_buffering: 'buffering',
};

/** Contexts whose proxy settings are inherited by nested locations; others (`if`, `limit_except`) are not walked for hops. */
const INHERITING = new Set(['http', 'server', 'location']);
const SKIPPED_BLOCKS = new Set(['stream', 'mail', 'events', 'types', 'map', 'geo', 'split_clients', 'upstream', 'if', 'limit_except']);

/** Analyses one nginx file. Settings come from the outermost workspace file that includes it, when there is one. */
export function analyzeNginx(p: string, text: string, project?: ProjectFiles, used = new Set<string>()): FileFacts {
  const facts = emptyFacts(p, 'nginx', text);
  const own = parseNginx(text, p);
  for (const e of own.errors) facts.errors.push({ path: p, message: `nginx: ${e.message}`, span: e.span });
  expandIncludes(own.directives, p, path.dirname(p), project, used, new Set([p]), 0);
  // An included file's locations inherit from the http/server blocks of the file that includes it.
  const includer = project ? findIncluder(p, project) : null;
  let tree = own.directives;
  if (includer) {
    const outer = parseNginx(includer.text, includer.path);
    expandIncludes(outer.directives, includer.path, path.dirname(includer.path), project, used, new Set([includer.path]), 0);
    tree = outer.directives;
    used.add(includer.path);
  }
  const upstreams = new Map<string, string[]>();
  collectUpstreams(tree, upstreams);
  walk(tree, {}, null, { p, facts, upstreams });
  return facts;
}

interface WalkContext {
  p: string;
  facts: FileFacts;
  upstreams: Map<string, string[]>;
  servers?: Map<NginxDirective, { key: string; nodes: NginxDirective[]; locations: NginxServerRoutes['locations'] }>;
}

function walk(directives: NginxDirective[], inherited: Settings, server: NginxDirective | null, wc: WalkContext): void {
  for (const d of directChildren(directives)) {
    if (!d.block || SKIPPED_BLOCKS.has(d.name)) continue;
    // Past an unresolved include, what the outer blocks set may be overridden as well.
    const unknownFrom = INHERITING.has(d.name) ? unresolvedInclude(d.block) : undefined;
    const settings: Settings = INHERITING.has(d.name) ? { ...(unknownFrom ? { unknownFrom } : inherited), ...ownSettings(d.block) } : inherited;
    const nextServer = d.name === 'server' ? d : server;
    if (d.name === 'location') locationHop(d, settings, nextServer, wc);
    walk(d.block, settings, nextServer, wc);
  }
}

/**
 * An `include` in the block that names no workspace file may set any proxy directive: settings the workspace does not
 * show are unknown rather than nginx's defaults. Includes whose names say what they hold (TLS, MIME types, FastCGI/uWSGI
 * parameters, logging, compression) are not taken for proxy settings.
 */
function unresolvedInclude(block: NginxDirective[]): NginxDirective | undefined {
  return block.find((d) => d.name === 'include' && !d.block && !d.included && d.args[0] && !OTHER_INCLUDES.test(path.basename(d.args[0].value)));
}

const OTHER_INCLUDES = /^(mime\.types|(fastcgi|uwsgi|scgi)(_params|\.conf)|koi-|win-utf)|ssl|tls|letsencrypt|certbot|gzip|brotli|log|modules?-enabled|security|header|cors/i;

function ownSettings(block: NginxDirective[]): Settings {
  const s: Settings = {};
  for (const c of directChildren(block)) {
    const key = SETTING_NAMES[c.name];
    if (key && !c.block) s[key] = { directive: c };
  }
  return s;
}

function collectUpstreams(directives: NginxDirective[], out: Map<string, string[]>): void {
  for (const d of directChildren(directives)) {
    if (!d.block) continue;
    if (d.name === 'upstream' && d.args[0]) {
      out.set(d.args[0].value, directChildren(d.block).filter((c) => c.name === 'server' && c.args[0]).map((c) => c.args[0].value));
    } else if (d.name === 'http' || d.name === 'server' || !SKIPPED_BLOCKS.has(d.name)) collectUpstreams(d.block, out);
  }
}

/**
 * Literal prefixes the location's `rewrite` directives strip: `rewrite ^/api(/.*)$ $1 break;` and
 * `rewrite ^/api/(.*)$ /$1 break;` send `/api/chat` upstream as `/chat`.
 */
function strippedPrefixes(children: NginxDirective[]): { stripped?: string[] } {
  const out: string[] = [];
  for (const d of children) {
    if (d.name !== 'rewrite' || d.args.length < 2) continue;
    const [pattern, replacement] = [d.args[0].value, d.args[1].value];
    const m = /^\^(\/[\w.-]+(?:\/[\w.-]+)*)(\(\/\.\*\)|\/\(\.\*\))\$?$/.exec(pattern);
    if (!m) continue;
    const expected = m[2] === '(/.*)' ? ['$1'] : ['/$1'];
    if (expected.includes(replacement)) out.push(m[1]);
  }
  return out.length ? { stripped: out } : {};
}

/**
 * The host (and port) a `proxy_pass` sends to: `http://api_server/` → `api_server`. The URI may start with a variable
 * right after the port (`http://api:3080$request_uri`, LibreChat's nginx.conf), which is not part of the host; a host
 * that is itself a variable (`http://$backend`) is kept whole.
 */
function proxyHost(target: string): string {
  return /^[a-z]+:\/\/(\$?[^/?$]+)/i.exec(target)?.[1] ?? target;
}

/** Every location of a server block in file order (nested ones after their parent; named `@` locations are never matched by URI). */
function serverRoutes(server: NginxDirective, wc: WalkContext): { key: string; nodes: NginxDirective[]; locations: NginxServerRoutes['locations'] } {
  wc.servers ??= new Map();
  const hit = wc.servers.get(server);
  if (hit) return hit;
  const nodes: NginxDirective[] = [];
  const collect = (block: NginxDirective[]) => {
    for (const d of directChildren(block)) {
      if (!d.block || d.name !== 'location') continue;
      if (!d.args[0]?.value.startsWith('@')) nodes.push(d);
      collect(d.block);
    }
  };
  collect(server.block ?? []);
  const locations = nodes.map((l) => {
    const pass = directChildren(l.block ?? []).find((c) => c.name === 'proxy_pass' && c.args.length > 0);
    return { path: l.args.length > 0 ? l.args.map((a) => a.value).join(' ') : '/', upstream: pass ? proxyHost(pass.args[0].value) : null };
  });
  const routes = { key: `${server.file}#${server.nameSpan.start}`, nodes, locations };
  wc.servers.set(server, routes);
  return routes;
}

function locationHop(loc: NginxDirective, s: Settings, server: NginxDirective | null, wc: WalkContext): void {
  const { p, facts } = wc;
  if (loc.file !== p) return;
  const children = directChildren(loc.block ?? []);
  const proxyPass = children.find((c) => c.name === 'proxy_pass' && c.args.length > 0);
  if (!proxyPass) return;
  const target = proxyPass.args[0].value;
  const host = proxyHost(target);
  const servers = wc.upstreams.get(host) ?? wc.upstreams.get(host.replace(/:\d+$/, '')) ?? [];
  const serverNames = server ? directChildren(server.block ?? []).filter((c) => c.name === 'server_name').flatMap((c) => c.args.map((a) => a.value)) : [];
  const locPath = loc.args.length > 0 ? loc.args.map((a) => a.value).join(' ') : '/';
  const local = (set: Setting | undefined): Span | undefined => (set && set.directive.file === p ? set.directive.args[0]?.span ?? set.directive.nameSpan : undefined);
  const elsewhere = (set: Setting | undefined) => (set && set.directive.file !== p ? ` (set in ${path.basename(set.directive.file)})` : '');

  let timeout: ConfigHop['timeout'];
  const readValue = s.read?.directive.args[0] ? parseNginxTime(s.read.directive.args[0].value) : null;
  if (s.read && readValue !== null) {
    timeout = { seconds: readValue, source: 'explicit', ...(local(s.read) ? { span: local(s.read) } : {}), note: `proxy_read_timeout${elsewhere(s.read)}; applies between two reads` };
  } else if (s.read) {
    // `${NGINX_PROXY_READ_TIMEOUT}` in an envsubst template: the value is chosen when the file is rendered.
    timeout = { seconds: null, source: 'unknown', note: `proxy_read_timeout${elsewhere(s.read)} is ${s.read.directive.args[0]?.value ?? 'empty'}, not a time the workspace fixes` };
  } else if (s.unknownFrom) {
    timeout = { seconds: null, source: 'unknown', note: `proxy_read_timeout may be set in ${s.unknownFrom.args[0].value}, which is not in the workspace` };
  } else {
    timeout = { seconds: NGINX.proxyReadTimeoutSeconds.value, source: 'default', note: 'nginx default proxy_read_timeout; applies between two reads' };
  }

  const conditions = s.nextUpstream ? s.nextUpstream.directive.args.map((a) => a.value) : [...NGINX.proxyNextUpstream.value];
  const tries = s.tries?.directive.args[0] ? Number(s.tries.directive.args[0].value) || 0 : NGINX.proxyNextUpstreamTries.value;
  const serverCount = Math.max(1, servers.length);
  const attempts = conditions.includes('off') ? 1 : tries > 0 ? Math.min(tries, serverCount) : serverCount;
  const retriesPost = !conditions.includes('off') && conditions.includes('non_idempotent');
  const retry: ConfigHop['retry'] = {
    attempts,
    source: s.nextUpstream || s.tries ? 'explicit' : 'default',
    conditions,
    retriesPost,
    // nginx tries each server of the upstream once at most (ngx_http_upstream_tries): with one server nothing is re-sent.
    retriesTimeouts: attempts > 1 && retriesPost && conditions.some((c) => ['error', 'timeout', 'http_500', 'http_502', 'http_503', 'http_504'].includes(c)),
    ...(local(s.nextUpstream) ? { span: { start: s.nextUpstream!.directive.nameSpan.start, end: s.nextUpstream!.directive.headSpan.end } } : {}),
  };

  const bufferingValue = s.buffering?.directive.args[0]?.value;
  const bufferingOn = bufferingValue === 'on' || bufferingValue === 'off' ? bufferingValue === 'on' : NGINX.proxyBuffering.value;
  const bufferingKnown = s.buffering ? bufferingValue === 'on' || bufferingValue === 'off' : !s.unknownFrom;
  const hop: ConfigHop = {
    path: p,
    span: loc.headSpan,
    kind: 'nginx',
    name: `nginx location ${loc.args.map((a) => a.value).join(' ')}`.trim(),
    routes: { hosts: serverNames.filter((n) => n && n !== '_'), paths: [locPath], upstreams: [target, ...(host !== target ? [host] : []), ...servers], ...strippedPrefixes(children), ...serverOf(loc, server, wc) },
    timeout,
    retry,
    ...(bufferingKnown ? { buffering: { on: bufferingOn, source: s.buffering ? 'explicit' : 'default', ...(local(s.buffering) ? { span: local(s.buffering) } : {}) } } : {}),
    target: { format: 'nginx', location: loc.nameSpan.start, ...setByInclude(children, p) },
    idleTimeout: true,
    notes: [],
  };
  const sendSpan = local(s.send);
  if (sendSpan) hop.sendTimeoutSpan = sendSpan;
  facts.hops.push(hop);
  if (providerForUrl(target)) {
    const provider = providerForUrl(target)!;
    const arg = proxyPass.args[0];
    const start = arg.span.start + (arg.quoted ? 1 : 0);
    facts.endpoints.push({ path: p, span: { start, end: start + arg.value.length }, url: target, provider, role: 'other' });
  }
}

/** Directives the location's own includes set (`children` has include content flattened in place). */
function setByInclude(children: NginxDirective[], p: string): { setByInclude?: string[] } {
  const names = [...new Set(children.filter((c) => c.file !== p && !c.block).map((c) => c.name))];
  return names.length ? { setByInclude: names } : {};
}

function serverOf(loc: NginxDirective, server: NginxDirective | null, wc: WalkContext): { server?: NginxServerRoutes } {
  if (!server) return {};
  const { key, nodes, locations } = serverRoutes(server, wc);
  const index = nodes.indexOf(loc);
  return index < 0 ? {} : { server: { key, locations, index } };
}

const MAX_INCLUDE_DEPTH = 8;

/**
 * Resolves `include` directives against workspace files. `confDir` is the directory of the file the expansion started
 * from (nginx.conf when it is in the workspace): nginx resolves relative includes there, whichever file holds them.
 */
function expandIncludes(directives: NginxDirective[], file: string, confDir: string, project: ProjectFiles | undefined, used: Set<string>, stack: Set<string>, depth: number): void {
  if (!project || depth > MAX_INCLUDE_DEPTH) return;
  for (const d of directives) {
    if (d.name === 'include' && d.args[0] && !d.block) {
      const included: NginxDirective[] = [];
      for (const target of resolveInclude(d.args[0].value, file, confDir, project)) {
        if (stack.has(target)) continue;
        const text = project.text(target);
        if (text === undefined) continue;
        used.add(target);
        const parsed = parseNginx(text, target);
        stack.add(target);
        expandIncludes(parsed.directives, target, confDir, project, used, stack, depth + 1);
        stack.delete(target);
        included.push(...parsed.directives);
      }
      if (included.length) d.included = included;
    }
    if (d.block) expandIncludes(d.block, file, confDir, project, used, stack, depth);
  }
}

/**
 * The workspace files an include names. A relative path is nginx's: against the configuration directory, then, when
 * that names nothing (the main file is not in the workspace), beside the including file. A file rendered by envsubst
 * is kept as `proxy.conf.template` for `include proxy.conf;`.
 */
function resolveInclude(pattern: string, from: string, confDir: string, project: ProjectFiles): string[] {
  const dir = path.dirname(from);
  const candidates: string[] = [];
  if (path.isAbsolute(pattern)) {
    candidates.push(pattern);
    // `/etc/nginx/conf.d/*.conf` in a repository usually lives beside nginx.conf as `conf.d/*.conf`.
    const rel = pattern.replace(/^\/(?:usr\/local\/)?(?:etc\/)?nginx\//, '');
    if (rel !== pattern) candidates.push(path.join(confDir, rel), path.join(dir, rel), path.join(path.dirname(dir), rel));
  } else {
    candidates.push(path.join(confDir, pattern), path.join(dir, pattern));
  }
  const out = new Set<string>();
  for (const c of candidates) {
    if (/[*?[]/.test(c)) {
      const isMatch = picomatch(c.split(path.sep).join('/'));
      for (const known of project.paths()) {
        const rendered = renderedName(known, project);
        if (isMatch(known.split(path.sep).join('/')) || (rendered && isMatch(rendered.split(path.sep).join('/')))) out.add(known);
      }
    } else if (project.has(c)) out.add(c);
    else if (project.has(`${c}${TEMPLATE}`)) out.add(`${c}${TEMPLATE}`);
    if (out.size) break;
  }
  return [...out].sort();
}

const TEMPLATE = '.template';

/** The file an envsubst template is rendered to (`default.conf.template` → `default.conf`), unless the workspace holds that file too. */
function renderedName(p: string, project: ProjectFiles): string | null {
  if (!p.endsWith(TEMPLATE)) return null;
  const rendered = p.slice(0, -TEMPLATE.length);
  return project.has(rendered) ? null : rendered;
}

/** The outermost workspace nginx file that includes `p`, directly or through other includes. */
function findIncluder(p: string, project: ProjectFiles): { path: string; text: string } | null {
  const candidates: Array<{ path: string; text: string }> = [];
  for (const q of project.paths()) {
    if (q === p) continue;
    const base = path.basename(q).toLowerCase();
    if (!(base === 'nginx.conf' || base.endsWith('.conf') || base.endsWith('.nginx') || base.endsWith('.conf.template') || /[\\/]sites-(available|enabled)[\\/]/.test(q))) continue;
    const text = project.text(q);
    if (text && /\binclude\b/.test(text)) candidates.push({ path: q, text });
  }
  candidates.sort((a, b) => a.path.localeCompare(b.path));
  // The outermost includer (the one reaching the most files) holds the http/server context.
  let best: { path: string; text: string; reach: number } | null = null;
  for (const c of candidates) {
    const used = new Set<string>();
    expandIncludes(parseNginx(c.text, c.path).directives, c.path, path.dirname(c.path), project, used, new Set([c.path]), 0);
    if (used.has(p) && (!best || used.size > best.reach)) best = { ...c, reach: used.size };
  }
  return best;
}
