// The contributed TextMate grammars (nginx, dotenv): they load in vscode-textmate with the Oniguruma
// engine VS Code uses, tokenise the sample files with the expected scopes, and package.json points at them.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import * as oniguruma from 'vscode-oniguruma';
import * as vsctm from 'vscode-textmate';

const ROOT = path.join(__dirname, '..', '..');
const SAMPLES = path.join(__dirname, 'samples');
const GRAMMARS: Record<string, string> = {
  'source.nginx': path.join(ROOT, 'syntaxes', 'nginx.tmLanguage.json'),
  'source.dotenv': path.join(ROOT, 'syntaxes', 'dotenv.tmLanguage.json'),
};

let registry: vsctm.Registry;

before(async () => {
  const wasm = fs.readFileSync(path.join(ROOT, 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    }),
    // Embedded languages (Lua in *_by_lua_block) are not available here, as in a VS Code without them.
    loadGrammar: async (scopeName) => {
      const file = GRAMMARS[scopeName];
      return file ? vsctm.parseRawGrammar(fs.readFileSync(file, 'utf8'), file) : null;
    },
  });
});

interface Token {
  line: number;
  start: number;
  end: number;
  text: string;
  scopes: string[];
}

/** Tokenises a text line by line, carrying the rule stack across lines. */
async function tokenize(scopeName: string, text: string): Promise<Token[]> {
  const grammar = await registry.loadGrammar(scopeName);
  assert.ok(grammar, `grammar ${scopeName} loads`);
  const out: Token[] = [];
  let stack = vsctm.INITIAL;
  text.split(/\r?\n/).forEach((lineText, line) => {
    const r = grammar.tokenizeLine(lineText, stack);
    for (const t of r.tokens) out.push({ line, start: t.startIndex, end: t.endIndex, text: lineText.slice(t.startIndex, t.endIndex), scopes: t.scopes });
    stack = r.ruleStack;
  });
  return out;
}

/**
 * The token at the first occurrence of `text` at or after `lineNeedle`, on the first line containing `lineNeedle` (tokens with
 * equal scopes are merged by the tokenizer, so `text` may be part of a longer token). Its `text` is narrowed to what was asked for.
 */
function tokenOf(tokens: Token[], source: string, lineNeedle: string, text: string): Token {
  const lines = source.split(/\r?\n/);
  const line = lines.findIndex((l) => l.includes(lineNeedle));
  assert.ok(line >= 0, `sample has a line with ${JSON.stringify(lineNeedle)}`);
  const at = lines[line].indexOf(text, lines[line].indexOf(lineNeedle));
  assert.ok(at >= 0, `line ${line + 1} contains ${JSON.stringify(text)}`);
  const t = tokens.find((x) => x.line === line && x.start <= at && at < x.end);
  assert.ok(t, `a token at ${JSON.stringify(text)} on line ${line + 1}`);
  assert.ok(t.end >= at + text.length, `${JSON.stringify(text)} is one token on line ${line + 1}; it is split: ${JSON.stringify(tokens.filter((x) => x.line === line).map((x) => x.text))}`);
  return { ...t, text };
}

function assertScope(t: Token, scope: string): void {
  assert.ok(
    t.scopes.some((s) => s === scope || s.startsWith(`${scope}.`)),
    `${JSON.stringify(t.text)} has scope ${scope}; got ${t.scopes.join(' ')}`,
  );
}

function assertNoScope(t: Token, scope: string): void {
  assert.ok(!t.scopes.some((s) => s === scope || s.startsWith(`${scope}.`)), `${JSON.stringify(t.text)} has no scope ${scope}; got ${t.scopes.join(' ')}`);
}

describe('nginx grammar', () => {
  const source = fs.readFileSync(path.join(SAMPLES, 'nginx.conf'), 'utf8');
  let tokens: Token[];
  before(async () => {
    tokens = await tokenize('source.nginx', source);
  });
  const at = (lineNeedle: string, text: string) => tokenOf(tokens, source, lineNeedle, text);

  it('comments, at a line start and after a directive, but not # inside a word', async () => {
    assertScope(at('# Edge proxy', '#'), 'punctuation.definition.comment.nginx');
    assertScope(at('# Edge proxy', ' Edge proxy for an LLM chat service'), 'comment.line.number-sign.nginx');
    assertScope(at('# egress', ' egress to the provider'), 'comment.line.number-sign.nginx');
    const hashInWord = await tokenize('source.nginx', 'rewrite ^/a#b /c;');
    assert.ok(hashInWord.every((t) => !t.scopes.some((s) => s.startsWith('comment'))), 'a # inside a word is not a comment');
  });

  it('block directives and braces', () => {
    assertScope(at('http {', 'http'), 'storage.type.directive.context.nginx');
    assertScope(at('http {', '{'), 'punctuation.section.block.begin.nginx');
    assertScope(at('events {', 'events'), 'storage.type.directive.context.nginx');
    assertScope(at('upstream llm_backend', 'upstream'), 'storage.type.directive.context.nginx');
    assertScope(at('upstream llm_backend', 'llm_backend'), 'entity.name.type.upstream.nginx');
    assertScope(at('map $http_upgrade', 'map'), 'storage.type.directive.context.nginx');
    assertScope(at('    server {', 'server'), 'storage.type.directive.context.nginx');
    // `server` inside `upstream` is a simple directive.
    assertScope(at('server 10.20.0.15', 'server'), 'keyword.other.directive.nginx');
    assertNoScope(at('server 10.20.0.15', 'server'), 'storage.type.directive.context');
  });

  it('directive names, terminators and on/off', () => {
    assertScope(at('proxy_read_timeout 300s', 'proxy_read_timeout'), 'keyword.other.directive.nginx');
    assertScope(at('proxy_read_timeout 300s', ';'), 'punctuation.terminator.nginx');
    assertScope(at('proxy_buffering on', 'proxy_buffering'), 'keyword.other.directive.nginx');
    assertScope(at('proxy_buffering on', 'on'), 'constant.language.boolean.nginx');
    assertScope(at('worker_processes auto', 'worker_processes'), 'keyword.other.directive.nginx');
    // Arguments are not directive names.
    assertNoScope(at('proxy_next_upstream error', 'non_idempotent'), 'keyword.other.directive');
  });

  it('variables: $name and ${name}, also inside strings and multi-line arguments', () => {
    assertScope(at('map $http_upgrade', 'http_upgrade'), 'variable.other.nginx');
    assertScope(at('map $http_upgrade', '$'), 'punctuation.definition.variable.nginx');
    assertScope(at('X-Request-Id', 'request_id'), 'variable.other.nginx');
    assertScope(at('X-Request-Id', '${'), 'punctuation.definition.variable.begin.nginx');
    assertScope(at('X-Request-Id', 'request_id'), 'string.quoted.double.nginx');
    assertScope(at("'rt=$request_time", 'upstream_response_time'), 'variable.other.nginx');
    assertScope(at("'rt=$request_time", 'upstream_response_time'), 'string.quoted.single.nginx');
    assertScope(at('set $no_cache', 'no_cache'), 'variable.other.nginx');
  });

  it('strings with escapes', () => {
    assertScope(at('X-Note', '\\"'), 'constant.character.escape.nginx');
    assertScope(at('X-Note', 'say '), 'string.quoted.double.nginx');
    assertScope(at('return 200', '\\n'), 'constant.character.escape.nginx');
    assertScope(at("''      close", "'"), 'punctuation.definition.string.begin.nginx');
  });

  it('numbers with time and size units; addresses stay unscoped', () => {
    assertScope(at('proxy_read_timeout 300s', '300'), 'constant.numeric.nginx');
    assertScope(at('300s', 's'), 'keyword.other.unit.nginx');
    assertScope(at('proxy_buffers 32 16k', '32'), 'constant.numeric.nginx');
    assertScope(at('16k', 'k'), 'keyword.other.unit.nginx');
    assertScope(at('8m;', 'm'), 'keyword.other.unit.nginx');
    assertScope(at('30d', 'd'), 'keyword.other.unit.nginx');
    assertScope(at('listen 443', '443'), 'constant.numeric.nginx');
    const address = tokens.filter((t) => t.line === source.split('\n').findIndex((l) => l.includes('10.20.0.15')) && /10\.20/.test(t.text));
    assert.ok(address.length > 0 && address.every((t) => !t.scopes.some((s) => s.startsWith('constant.numeric'))), 'an IP address is not a number');
  });

  it('location modifiers, paths, regexes and named locations', () => {
    assertScope(at('location /api/chat', 'location'), 'storage.type.directive.context.nginx');
    assertScope(at('location /api/chat', '/api/chat'), 'string.unquoted.path.nginx');
    assertScope(at('location = /healthz', '='), 'keyword.operator.modifier.nginx');
    assertScope(at('location = /healthz', '/healthz'), 'string.unquoted.path.nginx');
    assertScope(at('location ~*', '~*'), 'keyword.operator.modifier.regex.nginx');
    assertScope(at('location ~*', 'png'), 'string.regexp.nginx');
    assertScope(at('location ~*', '\\.'), 'constant.character.escape.regexp.nginx');
    assertScope(at('location ~*', '$'), 'keyword.control.anchor.regexp.nginx');
    assertScope(at('location ^~', '^~'), 'keyword.operator.modifier.nginx');
    assertScope(at('location @fallback', '@fallback'), 'entity.name.function.location.named.nginx');
    assertScope(at('location ~*', '{'), 'punctuation.section.block.begin.nginx');
  });

  it('include and if', () => {
    assertScope(at('include /etc/nginx/mime.types', 'include'), 'keyword.control.import.nginx');
    assertScope(at('include /etc/nginx/mime.types', '/etc/nginx/mime.types'), 'string.unquoted.path.nginx');
    assertScope(at('include conf.d/*.conf', 'conf.d/*.conf'), 'string.unquoted.path.nginx');
    assertScope(at('if ($request_method', 'if'), 'keyword.control.conditional.nginx');
    assertScope(at('if ($request_method', 'request_method'), 'variable.other.nginx');
    assertScope(at('if ($request_method', '='), 'keyword.operator.comparison.nginx');
  });

  it('URLs in proxy_pass', () => {
    assertScope(at('proxy_pass https://api.openai.com', 'https://api.openai.com/v1/'), 'markup.underline.link.nginx');
  });

  it('leaves a directive after a closing brace on the same line recognisable and survives unbalanced braces', async () => {
    const t = await tokenize('source.nginx', 'events { } http { server { listen 80; }\n}}\nworker_processes 2;');
    assert.ok(t.some((x) => x.text === 'http' && x.scopes.some((s) => s.startsWith('storage.type.directive.context'))));
    assert.ok(t.some((x) => x.text === 'listen' && x.scopes.some((s) => s.startsWith('keyword.other.directive'))));
    assert.ok(t.some((x) => x.text === 'worker_processes' && x.scopes.some((s) => s.startsWith('keyword.other.directive'))));
  });
});

describe('dotenv grammar', () => {
  const source = fs.readFileSync(path.join(SAMPLES, 'sample.env'), 'utf8');
  let tokens: Token[];
  before(async () => {
    tokens = await tokenize('source.dotenv', source);
  });
  const at = (lineNeedle: string, text: string) => tokenOf(tokens, source, lineNeedle, text);

  it('comments', () => {
    assertScope(at('# Gateway wiring', '#'), 'punctuation.definition.comment.dotenv');
    assertScope(at('# Gateway wiring', ' Gateway wiring for the chat service'), 'comment.line.number-sign.dotenv');
    assertScope(at('DATABASE_URL', '# local only'.slice(1)), 'comment.line.number-sign.dotenv');
  });

  it('KEY, = and export', () => {
    assertScope(at('OPENAI_BASE_URL', 'OPENAI_BASE_URL'), 'variable.other.key.dotenv');
    assertScope(at('OPENAI_BASE_URL', '='), 'keyword.operator.assignment.dotenv');
    assertScope(at('export ANTHROPIC', 'export'), 'storage.modifier.export.dotenv');
    assertScope(at('export ANTHROPIC', 'ANTHROPIC_BASE_URL'), 'variable.other.key.dotenv');
    assertScope(at('OPENAI_API_KEY=', 'OPENAI_API_KEY'), 'variable.other.key.dotenv');
  });

  it('unquoted, quoted, numeric and boolean values', () => {
    assertScope(at('OPENAI_BASE_URL', 'http://litellm:4000/v1'), 'string.unquoted.value.dotenv');
    assertScope(at('REQUEST_TIMEOUT_MS', '60000'), 'constant.numeric.dotenv');
    assertScope(at('STREAM_USAGE', 'true'), 'constant.language.boolean.dotenv');
    assertScope(at('export ANTHROPIC', 'http://'), 'string.quoted.double.dotenv');
    assertScope(at('GREETING', 'Hello $NOT_EXPANDED'), 'string.quoted.single.dotenv');
    assertScope(at('MULTILINE', 'line one'), 'string.quoted.double.dotenv');
    assertScope(at('line two', 'line two '), 'string.quoted.double.dotenv');
    assertScope(at('line two', '\\"'), 'constant.character.escape.dotenv');
    assertScope(at('DATABASE_URL', 'postgres://chat:'), 'string.unquoted.value.dotenv');
  });

  it('variable expansion ${X} and ${X:-default}, not inside single quotes', () => {
    assertScope(at('DATABASE_URL', 'DB_PASSWORD'), 'variable.other.dotenv');
    assertScope(at('DATABASE_URL', '${'), 'punctuation.definition.variable.begin.dotenv');
    assertScope(at('export ANTHROPIC', 'LITELLM_HOST'), 'variable.other.dotenv');
    assertScope(at('export ANTHROPIC', ':-'), 'keyword.operator.expansion.dotenv');
    assertScope(at('export ANTHROPIC', 'LITELLM_HOST'), 'string.quoted.double.dotenv');
    assertNoScope(at('GREETING', 'Hello $NOT_EXPANDED'), 'variable.other');
  });
});

describe('package.json contributes the grammars', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    contributes: {
      grammars: Array<{ language: string; scopeName: string; path: string }>;
      languages: Array<{ id: string; configuration?: string }>;
    };
  };

  for (const language of ['nginx', 'dotenv']) {
    it(`${language}: grammar path exists, scopeName matches, language has a configuration`, () => {
      const g = pkg.contributes.grammars.find((x) => x.language === language);
      assert.ok(g, `contributes.grammars has ${language}`);
      const file = path.join(ROOT, g.path);
      assert.ok(fs.existsSync(file), `${g.path} exists`);
      const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as { scopeName: string };
      assert.equal(raw.scopeName, g.scopeName);
      assert.equal(g.scopeName, `source.${language}`);
      const lang = pkg.contributes.languages.find((l) => l.id === language);
      assert.ok(lang?.configuration, `contributes.languages ${language} has a configuration`);
      const conf = JSON.parse(fs.readFileSync(path.join(ROOT, lang.configuration), 'utf8')) as { comments?: { lineComment?: string }; brackets?: string[][] };
      assert.equal(conf.comments?.lineComment, '#');
      assert.ok(conf.brackets?.some(([open, close]) => open === '{' && close === '}'));
    });
  }

  it('every contributed grammar path exists and declares the scopeName package.json gives it', () => {
    for (const g of pkg.contributes.grammars) {
      const file = path.join(ROOT, g.path);
      assert.ok(fs.existsSync(file), `${g.path} exists`);
      assert.equal((JSON.parse(fs.readFileSync(file, 'utf8')) as { scopeName: string }).scopeName, g.scopeName);
    }
  });
});
