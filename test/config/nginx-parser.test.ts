import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseNginx, parseNginxTime, tokenizeNginx, walkNginx, type NginxDirective } from '../../server/src/languages/config/nginx-parser';

function names(ds: NginxDirective[]): string[] {
  const out: string[] = [];
  walkNginx(ds, (d, parents) => out.push([...parents.map((p) => p.name), d.name].join('>')));
  return out;
}

describe('nginx tokenizer', () => {
  it('handles quotes, escapes, comments and variables', () => {
    const text = `add_header X-Note "a \\"quoted\\" value; not the end" always; # comment { ; }\nset $x '${'${'}host}';\nreturn 200 foo#bar;`;
    const { directives, errors } = parseNginx(text);
    assert.deepEqual(errors, []);
    assert.equal(directives.length, 3);
    assert.deepEqual(directives[0].args.map((a) => a.value), ['X-Note', 'a "quoted" value; not the end', 'always']);
    assert.equal(directives[0].args[1].quoted, true);
    assert.equal(text.slice(directives[0].args[1].span.start, directives[0].args[1].span.end), directives[0].args[1].raw);
    assert.deepEqual(directives[1].args.map((a) => a.value), ['$x', '${host}']);
    // `#` inside a word is not a comment.
    assert.deepEqual(directives[2].args.map((a) => a.value), ['200', 'foo#bar']);
  });

  it('keeps ${var} braces inside unquoted words and `}` as part of a word', () => {
    const { directives } = parseNginx('proxy_pass http://${upstream}/v1;');
    assert.equal(directives[0].args[0].value, 'http://${upstream}/v1');
  });

  it('skips Lua blocks whose braces are not nginx syntax', () => {
    const text = 'location / {\n  content_by_lua_block {\n    local t = { a = "}" }\n    ngx.say("{")\n  }\n  proxy_pass http://x;\n}\n';
    const { directives, errors } = parseNginx(text);
    assert.deepEqual(errors, []);
    assert.deepEqual(names(directives), ['location', 'location>content_by_lua_block', 'location>proxy_pass']);
  });

  it('gives every token a span into the text', () => {
    const text = 'http { server { listen 80; } }';
    for (const t of tokenizeNginx(text)) assert.ok(t.span.start >= 0 && t.span.end <= text.length && t.span.start < t.span.end);
  });
});

describe('nginx parser', () => {
  it('builds nested blocks with spans', () => {
    const text = 'http {\n  server {\n    location /v1/ {\n      proxy_pass http://llm;\n    }\n  }\n}\n';
    const { directives, errors } = parseNginx(text, '/x/nginx.conf');
    assert.deepEqual(errors, []);
    assert.deepEqual(names(directives), ['http', 'http>server', 'http>server>location', 'http>server>location>proxy_pass']);
    const loc = directives[0].block![0].block![0];
    assert.equal(text.slice(loc.headSpan.start, loc.headSpan.end), 'location /v1/');
    assert.equal(text.slice(loc.blockSpan!.start, loc.blockSpan!.start + 1), '{');
    assert.equal(text[loc.span.end - 1], '}');
    assert.equal(loc.file, '/x/nginx.conf');
  });

  it('reports a missing `}` and recovers the structure from indentation', () => {
    const text = [
      'http {',
      '    server {',
      '        location /a {',
      '            proxy_pass http://a;',
      '        # the closing brace of /a is missing',
      '        location /b {',
      '            proxy_pass http://b;',
      '        }',
      '    }',
      '}',
    ].join('\n');
    const { directives, errors } = parseNginx(text);
    assert.equal(errors.length, 1);
    assert.match(errors[0].message, /"location" is not closed/);
    assert.equal(text.slice(errors[0].span.start, errors[0].span.end), 'location');
    const server = directives[0].block![0];
    assert.deepEqual(server.block!.map((d) => `${d.name} ${d.args[0]?.value}`), ['location /a', 'location /b']);
  });

  it('reports an unexpected `}` and a missing `;` without throwing', () => {
    const { directives, errors } = parseNginx('server { listen 80 }\n}\nlocation /x { proxy_pass http://x }');
    assert.ok(errors.some((e) => /Unexpected "}"/.test(e.message)));
    assert.ok(errors.some((e) => /not terminated by ";"/.test(e.message)));
    assert.equal(directives.filter((d) => d.name === 'server' || d.name === 'location').length, 2);
  });

  it('reports unterminated quotes and blocks without a name', () => {
    assert.ok(parseNginx('return 200 "oops;\n').errors.some((e) => /Unterminated/.test(e.message)));
    assert.ok(parseNginx('{ listen 80; }').errors.some((e) => /without a directive name/.test(e.message)));
  });

  it('accepts unknown directives', () => {
    const { directives, errors } = parseNginx('my_module_thing on { nested 1 2 3; }');
    assert.deepEqual(errors, []);
    assert.equal(directives[0].name, 'my_module_thing');
  });

  it('skips envsubst placeholders standing alone on a line (nginx image *.conf.template files)', () => {
    const text = 'server {\n    listen 80;\n    ${ACME_CHALLENGE_LOCATION}\n\n    location /api {\n        proxy_pass http://api:5001;\n        proxy_set_header Host ${NGINX_HOST};\n    }\n}\n';
    const { directives, errors } = parseNginx(text);
    assert.deepEqual(errors, []);
    assert.deepEqual(directives[0].block!.map((d) => d.name), ['listen', 'location']);
    assert.equal(directives[0].block![1].block![1].args[1].value, '${NGINX_HOST}');
    // A placeholder that shares its line with a directive is a directive argument, not a slot.
    assert.equal(parseNginx('server { ${X} on; }').directives[0].block![0].name, '${X}');
  });

  it('never throws on arbitrary input', () => {
    const pieces = ['{', '}', ';', '"', "'", '\\', '#', '$', '${', 'location', ' ', '\n', 'a', '_by_lua_block', '\t'];
    let seed = 7;
    for (let n = 0; n < 500; n++) {
      let s = '';
      for (let i = 0; i < 40; i++) {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        s += pieces[seed % pieces.length];
      }
      assert.doesNotThrow(() => parseNginx(s));
    }
  });
});

describe('nginx time values', () => {
  it('reads units and bare seconds', () => {
    assert.equal(parseNginxTime('60'), 60);
    assert.equal(parseNginxTime('60s'), 60);
    assert.equal(parseNginxTime('10m'), 600);
    assert.equal(parseNginxTime('1h'), 3600);
    assert.equal(parseNginxTime('500ms'), 0.5);
    assert.equal(parseNginxTime('1m30s'), 90);
    assert.equal(parseNginxTime('soon'), null);
    assert.equal(parseNginxTime('10 m'), null);
  });
});
