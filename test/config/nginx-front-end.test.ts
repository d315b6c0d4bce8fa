import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { ConfigHop } from '../../server/src/languages/config/config-hop';
import { analyzeNginx, createNginxFrontEnd, isNginxPath } from '../../server/src/languages/config/nginx-front-end';
import { project } from './project';
import { tempDir } from '../helpers/temp-dir';

const ROOT = '/ws';
const at = (rel: string) => path.join(ROOT, rel);

describe('nginx front end: hops', () => {
  it('makes one hop per proxying location with inherited timeouts, defaults and sources', () => {
    const text = `http {
  proxy_read_timeout 30s;
  upstream llm { server litellm-a:4000; server litellm-b:4000; }
  server {
    server_name api.example.com _;
    location /v1/ {
      proxy_pass http://llm;
      proxy_next_upstream error timeout non_idempotent;
      proxy_next_upstream_tries 5;
    }
    location = /chat {
      proxy_read_timeout 5m;
      proxy_buffering off;
      proxy_pass http://app:3000/api/chat;
    }
    location /static/ { root /var/www; }
  }
}
`;
    const facts = analyzeNginx(at('nginx/nginx.conf'), text);
    assert.deepEqual(facts.errors, []);
    assert.equal(facts.hops.length, 2);
    const [v1, chat] = facts.hops as ConfigHop[];
    assert.equal(v1.name, 'nginx location /v1/');
    const { server, ...routes } = v1.routes;
    assert.deepEqual(routes, { hosts: ['api.example.com'], paths: ['/v1/'], upstreams: ['http://llm', 'llm', 'litellm-a:4000', 'litellm-b:4000'] });
    // Every location of the server, proxying or not, so nginx's choice among them can be told.
    assert.deepEqual(server?.locations, [
      { path: '/v1/', upstream: 'llm' },
      { path: '= /chat', upstream: 'app:3000' },
      { path: '/static/', upstream: null },
    ]);
    assert.equal(server!.index, 0);
    assert.equal(chat.routes.server?.index, 1);
    assert.equal(chat.routes.server?.key, server!.key);
    assert.equal(v1.timeout.seconds, 30);
    assert.equal(v1.timeout.source, 'explicit');
    assert.equal(text.slice(v1.timeout.span!.start, v1.timeout.span!.end), '30s');
    // Two servers bound the five tries.
    assert.equal(v1.retry.attempts, 2);
    assert.equal(v1.retry.retriesPost, true);
    assert.equal(v1.retry.retriesTimeouts, true);
    assert.deepEqual(v1.buffering, { on: true, source: 'default' });
    assert.deepEqual(chat.routes.paths, ['= /chat']);
    assert.equal(chat.timeout.seconds, 300);
    assert.equal(chat.retry.attempts, 1);
    assert.equal(chat.retry.retriesPost, false);
    assert.equal(chat.buffering?.on, false);
    assert.equal(chat.target?.format, 'nginx');
  });

  it('uses the 60 s default and says so', () => {
    const facts = analyzeNginx(at('nginx.conf'), 'server { location / { proxy_pass http://app; } }');
    assert.deepEqual(facts.hops[0].timeout, { seconds: 60, source: 'default', note: 'nginx default proxy_read_timeout; applies between two reads' });
  });

  it('lets a location override the server value and nested locations inherit', () => {
    const facts = analyzeNginx(at('nginx.conf'), 'server { proxy_read_timeout 10s; location /a { proxy_read_timeout 20s; location /a/b { proxy_pass http://x; } } location /c { proxy_pass http://y; } }');
    assert.deepEqual(facts.hops.map((h) => [h.name, h.timeout.seconds]), [['nginx location /a/b', 20], ['nginx location /c', 10]]);
  });

  it('records provider upstreams as endpoints', () => {
    const text = 'server { location /openai/ { proxy_pass https://api.openai.com/v1/; } }';
    const facts = analyzeNginx(at('nginx.conf'), text);
    assert.equal(facts.endpoints.length, 1);
    assert.equal(text.slice(facts.endpoints[0].span.start, facts.endpoints[0].span.end), 'https://api.openai.com/v1/');
    assert.equal(facts.endpoints[0].provider, 'openai');
  });

  it('reports syntax errors and still produces hops from the rest', () => {
    const facts = analyzeNginx(at('nginx.conf'), 'server {\n    location /a {\n        proxy_pass http://a;\n    location /b {\n        proxy_pass http://b;\n    }\n}\n');
    assert.equal(facts.errors.length, 1);
    assert.match(facts.errors[0].message, /^nginx: Block "location" is not closed/);
    assert.deepEqual(facts.hops.map((h) => h.name), ['nginx location /a', 'nginx location /b']);
  });
});

describe('nginx front end: include', () => {
  const files = {
    'nginx/nginx.conf': 'http {\n  include timeouts.conf;\n  include /etc/nginx/conf.d/*.conf;\n}\n',
    'nginx/timeouts.conf': 'proxy_read_timeout 45s;\nproxy_buffering off;\n',
    'nginx/conf.d/llm.conf': 'server {\n  location /v1/ {\n    proxy_pass http://litellm:4000;\n  }\n}\n',
    'nginx/conf.d/web.conf': 'server {\n  location / {\n    include proxy_params;\n    proxy_pass http://web;\n  }\n}\n',
  };
  const p = project(ROOT, files);

  it('resolves relative and /etc/nginx includes; hops stay with the file that declares them', () => {
    const main = analyzeNginx(at('nginx/nginx.conf'), files['nginx/nginx.conf'], p);
    assert.deepEqual(main.hops, []);
    const llm = analyzeNginx(at('nginx/conf.d/llm.conf'), files['nginx/conf.d/llm.conf'], p);
    assert.equal(llm.hops.length, 1);
    // Inherited from timeouts.conf through nginx.conf's http block: no span in this file, a note instead.
    assert.equal(llm.hops[0].timeout.seconds, 45);
    assert.equal(llm.hops[0].timeout.span, undefined);
    assert.match(llm.hops[0].timeout.note!, /set in timeouts\.conf/);
    assert.equal(llm.hops[0].buffering?.on, false);
    assert.equal(llm.hops[0].path, at('nginx/conf.d/llm.conf'));
  });

  it('tracks dependents both ways and ignores unresolvable includes', () => {
    const fe = createNginxFrontEnd();
    fe.analyze(at('nginx/nginx.conf'), files['nginx/nginx.conf'], p);
    fe.analyze(at('nginx/conf.d/web.conf'), files['nginx/conf.d/web.conf'], p);
    assert.ok(fe.dependents!(at('nginx/timeouts.conf')).includes(at('nginx/nginx.conf')));
    assert.ok(fe.dependents!(at('nginx/nginx.conf')).includes(at('nginx/conf.d/llm.conf')));
    assert.ok(fe.dependents!(at('nginx/nginx.conf')).includes(at('nginx/conf.d/web.conf')));
  });

  it('takes settings behind an include it cannot find for unknown, not for the defaults, unless the name says TLS or MIME types', () => {
    const text = `http {
  server {
    server_name a.example.com;
    location /api/ {
      include /etc/nginx/snippets/llm-proxy.conf;
      proxy_pass http://app:3000;
    }
  }
  server {
    server_name b.example.com;
    include /etc/nginx/snippets/streaming.conf;
    location /api/ {
      proxy_read_timeout 5m;
      proxy_pass http://app:3000;
    }
  }
  server {
    server_name c.example.com;
    include mime.types;
    include /etc/letsencrypt/options-ssl-nginx.conf;
    location /api/ {
      proxy_pass http://app:3000;
    }
  }
}
`;
    const [a, b, c] = analyzeNginx(at('nginx.conf'), text, project(ROOT, { 'nginx.conf': text })).hops;
    assert.deepEqual([a.timeout.seconds, a.timeout.source, a.buffering], [null, 'unknown', undefined]);
    assert.match(a.timeout.note!, /llm-proxy\.conf, which is not in the workspace/);
    // What the block itself sets is known.
    assert.deepEqual([b.timeout.seconds, b.timeout.source, b.buffering], [300, 'explicit', undefined]);
    assert.deepEqual([c.timeout.seconds, c.timeout.source, c.buffering?.on], [60, 'default', true]);
  });

  it('resolves a relative include against nginx.conf\'s directory, then beside the including file', () => {
    const layout = {
      'nginx/nginx.conf': 'events {}\nhttp {\n  include /etc/nginx/conf.d/*.conf;\n}\n',
      // nginx reads proxy.conf beside nginx.conf; the copy in conf.d/ is not the one it includes.
      'nginx/proxy.conf': 'proxy_http_version 1.1;\nproxy_read_timeout 30s;\n',
      'nginx/conf.d/proxy.conf': 'proxy_read_timeout 600s;\n',
      'nginx/conf.d/default.conf': 'server {\n  location /v1 {\n    proxy_pass http://api:5001;\n    include proxy.conf;\n  }\n  location /files {\n    proxy_pass http://api:5001;\n    include buffering.conf;\n  }\n}\n',
      // Only beside the including file: the fallback when the configuration directory names nothing.
      'nginx/conf.d/buffering.conf': 'proxy_buffering off;\n',
    };
    const p = project(ROOT, layout);
    const fe = createNginxFrontEnd();
    const [v1, files] = fe.analyze(at('nginx/conf.d/default.conf'), layout['nginx/conf.d/default.conf'], p).hops as ConfigHop[];
    assert.deepEqual([v1.timeout.seconds, v1.timeout.source], [30, 'explicit']);
    assert.match(v1.timeout.note!, /set in proxy\.conf/);
    // A fix must not write proxy_read_timeout beside `include proxy.conf;`: nginx rejects the duplicate.
    assert.deepEqual(v1.target, { format: 'nginx', location: layout['nginx/conf.d/default.conf'].indexOf('location /v1'), setByInclude: ['proxy_http_version', 'proxy_read_timeout'] });
    assert.deepEqual(files.buffering, { on: false, source: 'explicit' });
    // Editing proxy.conf re-analyses the location that reads it.
    assert.ok(fe.dependents!(at('nginx/proxy.conf')).includes(at('nginx/conf.d/default.conf')));
  });

  it('reads envsubst templates as the files they render to, and a placeholder value as unknown', () => {
    const layout = {
      'nginx/nginx.conf.template': 'http {\n  include /etc/nginx/conf.d/*.conf;\n}\n',
      'nginx/proxy.conf.template': 'proxy_buffering ${NGINX_PROXY_BUFFERING};\nproxy_read_timeout ${NGINX_PROXY_READ_TIMEOUT};\n',
      'nginx/limits.conf.template': 'proxy_read_timeout 45s;\n',
      'nginx/conf.d/default.conf.template': 'server {\n  location /api {\n    proxy_pass http://api:5001;\n    include proxy.conf;\n  }\n  location /v1 {\n    proxy_pass http://api:5001;\n    include limits.conf;\n  }\n}\n',
    };
    const [api, v1] = analyzeNginx(at('nginx/conf.d/default.conf.template'), layout['nginx/conf.d/default.conf.template'], project(ROOT, layout)).hops;
    assert.deepEqual([api.timeout.seconds, api.timeout.source, api.buffering], [null, 'unknown', undefined]);
    assert.match(api.timeout.note!, /\$\{NGINX_PROXY_READ_TIMEOUT\}/);
    assert.deepEqual([v1.timeout.seconds, v1.timeout.source, v1.buffering?.on], [45, 'explicit', true]);
  });

  it('survives include cycles', () => {
    const cyc = project(ROOT, { 'a.nginx': 'include b.nginx; server { location / { proxy_pass http://a; } }', 'b.nginx': 'include a.nginx;' });
    const facts = analyzeNginx(at('a.nginx'), 'include b.nginx; server { location / { proxy_pass http://a; } }', cyc);
    assert.equal(facts.hops.length, 1);
  });
});

describe('nginx front end: which files', () => {
  it('recognises nginx paths cheaply', () => {
    assert.equal(isNginxPath('/w/nginx.conf'), true);
    assert.equal(isNginxPath('/w/site.nginx'), true);
    assert.equal(isNginxPath('/w/deploy/nginx/default.conf'), true);
    assert.equal(isNginxPath('/w/etc/sites-enabled/default'), true);
    assert.equal(isNginxPath('/w/node_modules/x/nginx.conf'), false);
    assert.equal(isNginxPath('/w/supervisord.conf'), false);
    assert.equal(isNginxPath('/w/app.ts'), false);
  });

  it('sniffs other .conf files on disk', () => {
    const dir = tempDir('lil-conf-');
    fs.writeFileSync(path.join(dir, 'proxy.conf'), '# edge\nserver {\n  location / { proxy_pass http://x; }\n}\n');
    fs.writeFileSync(path.join(dir, 'redis.conf'), 'maxmemory 2mb\nappendonly yes\ntimeout 0\n');
    // A snippet written to be included holds bare directives.
    fs.mkdirSync(path.join(dir, 'snippets'));
    fs.writeFileSync(path.join(dir, 'snippets', 'llm-proxy.conf'), 'proxy_http_version 1.1;\nproxy_read_timeout 300s;\n');
    assert.equal(isNginxPath(path.join(dir, 'proxy.conf')), true);
    assert.equal(isNginxPath(path.join(dir, 'snippets', 'llm-proxy.conf')), true);
    assert.equal(isNginxPath(path.join(dir, 'redis.conf')), false);
  });
});

describe('nginx front end: bad input', () => {
  it('never throws, whatever the text and includes', () => {
    const pieces = ['server {', 'location /a {', '}', ';', 'proxy_pass http://x', 'proxy_read_timeout', ' 5x', ' 10s', 'include *.conf', '"', '\n', 'upstream u {', 'server a:1;', 'proxy_next_upstream non_idempotent'];
    const p = project(ROOT, { 'a.conf': 'include b.conf; location / { proxy_pass http://z; }', 'b.conf': 'include a.conf; }}}' });
    let seed = 3;
    for (let n = 0; n < 300; n++) {
      let s = '';
      for (let i = 0; i < 25; i++) {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        s += pieces[seed % pieces.length] + (seed % 3 === 0 ? ' ' : '');
      }
      assert.doesNotThrow(() => analyzeNginx(at('nginx.conf'), s, p));
    }
  });
});
