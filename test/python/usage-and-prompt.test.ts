import * as assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { PromptSegment } from '../../server/src/core/types';
import { analyzeSnippet, initPython, onlySite, slice } from './helpers';

before(initPython);

const HEADER = `from openai import OpenAI\nclient = OpenAI()\n`;

function usage(body: string): string {
  return onlySite(analyzeSnippet(`${HEADER}def f(q):\n${body.replace(/^/gm, '    ')}\n`)).usage;
}

describe('usage classification', () => {
  const CALL = 'client.chat.completions.create(model="m", messages=[])';
  it('read: .usage on the result, later or directly, getattr, dict access', () => {
    assert.equal(usage(`r = ${CALL}\nlog(r.usage.total_tokens)\nreturn r.choices[0]`), 'read');
    assert.equal(usage(`tokens = ${CALL}.usage`), 'read');
    assert.equal(usage(`r = ${CALL}\nu = getattr(r, "usage", None)`), 'read');
    assert.equal(usage(`r = ${CALL}\nmeter(r["usage"])`), 'read');
  });

  it('escapes: returned, passed on, stored, serialised', () => {
    assert.equal(usage(`return ${CALL}`), 'escapes');
    assert.equal(usage(`r = ${CALL}\nreturn r`), 'escapes');
    assert.equal(usage(`r = ${CALL}\nsave(r)`), 'escapes');
    assert.equal(usage(`self.last = ${CALL}`), 'escapes');
    assert.equal(usage(`r = ${CALL}\nreturn r.model_dump()`), 'escapes');
    assert.equal(usage(`results.append(${CALL})`), 'escapes');
  });

  it('discarded: only other fields, or nothing', () => {
    assert.equal(usage(`r = ${CALL}\nreturn r.choices[0].message.content`), 'discarded');
    assert.equal(usage(`${CALL}`), 'discarded');
    assert.equal(usage(`text = ${CALL}.choices[0].message.content`), 'discarded');
  });

  it('streams: read when the loop reads chunk.usage', () => {
    assert.equal(usage(`s = client.chat.completions.create(model="m", messages=[], stream=True, stream_options={"include_usage": True})\nfor chunk in s:\n    if chunk.usage:\n        record(chunk.usage)`), 'read');
    assert.equal(usage(`for chunk in client.chat.completions.create(model="m", messages=[], stream=True):\n    print(chunk.choices[0].delta.content)`), 'discarded');
  });

  it('gives the binding and its statement for fixes', () => {
    const facts = analyzeSnippet(`${HEADER}def f(q):\n    resp = client.chat.completions.create(model="m", messages=[])  # call\n    return resp.choices[0]\n`);
    const s = onlySite(facts);
    assert.equal(s.resultBinding?.name, 'resp');
    assert.equal(slice(facts, s.resultBinding!.statementSpan), 'resp = client.chat.completions.create(model="m", messages=[])');
  });
});

function segs(code: string): Array<[string, string, string?]> {
  const s = onlySite(analyzeSnippet(code));
  return s.prompt.flatMap((p) => p.segments.map((g: PromptSegment): [string, string, string?] => (g.kind === 'static' ? ['static', g.text] : g.origin ? ['dynamic', g.volatility, g.origin] : ['dynamic', g.volatility])));
}

describe('prompt parts and volatility', () => {
  it('splits f-strings, .format, % and + into static and dynamic segments in order', () => {
    assert.deepEqual(segs(`${HEADER}import datetime, uuid
def f(user_id, q, request):
    client.chat.completions.create(model="m", messages=[
        {"role": "system", "content": f"Now: {datetime.datetime.now().isoformat()} id={uuid.uuid4()} user={user_id}. Rules {{strict}}."},
        {"role": "user", "content": "Ask: {} for {name}".format(q, name=request.headers["x-request-id"])},
        {"role": "user", "content": "Hi %s" % q + "!"},
    ])
`), [
      ['static', 'Now: '], ['dynamic', 'time'], ['static', ' id='], ['dynamic', 'random'], ['static', ' user='], ['dynamic', 'request-id'], ['static', '. Rules {strict}.'],
      ['static', 'Ask: '], ['dynamic', 'per-request'], ['static', ' for '], ['dynamic', 'request-id'],
      ['static', 'Hi '], ['dynamic', 'per-request'], ['static', '!'],
    ]);
  });

  it('treats module constants (also concatenated, dedented, imported) as static text with a source', () => {
    const facts = analyzeSnippet(`${HEADER}import textwrap
BASE = "You are a bot. "
SYSTEM = BASE + textwrap.dedent("""
    Be kind.
    Be brief.
""")
def f(q):
    client.chat.completions.create(model="m", messages=[{"role": "system", "content": SYSTEM}, {"role": "user", "content": q}])
`);
    const [system, user] = onlySite(facts).prompt;
    assert.deepEqual(system.segments.map((g) => (g.kind === 'static' ? g.text : g.kind)), ['You are a bot. \nBe kind.\nBe brief.\n']);
    assert.equal(system.source?.kind, 'constant');
    assert.equal(system.source?.name, 'SYSTEM');
    assert.equal(slice(facts, system.source!.span).slice(0, 4), 'BASE');
    assert.equal(user.segments[0].kind, 'dynamic');
  });

  it('orders tools, system (Anthropic system=, Responses instructions=) and messages', () => {
    const s = onlySite(analyzeSnippet(`import anthropic
c = anthropic.Anthropic()
TOOLS = []
def f(q, tools):
    c.messages.create(model="m", max_tokens=10, tools=[{"name": "x"}], system="Sys", messages=[{"role": "user", "content": q}, {"role": "assistant", "content": "ok"}])
`));
    assert.deepEqual(s.prompt.map((p) => [p.role, p.segments[0].kind]), [['tools', 'static'], ['system', 'static'], ['user', 'dynamic'], ['assistant', 'static']]);
  });

  it('marks messages built elsewhere as unknown, with history origin when fetched from a store', () => {
    const facts = analyzeSnippet(`${HEADER}def f(session, conv_id, q):
    rows = session.query(Message).filter(Message.conversation_id == conv_id).all()
    history = [{"role": m.role, "content": m.content} for m in rows]
    msgs = load()
    client.chat.completions.create(model="m", messages=[{"role": "system", "content": "S"}, *history, {"role": "user", "content": q}])
    client.chat.completions.create(model="m", messages=msgs)
`);
    const [a, b] = facts.callSites;
    assert.deepEqual(a.prompt.map((p) => [p.role, p.segments[0].kind === 'dynamic' ? p.segments[0].origin ?? null : 'static']), [['system', 'static'], ['unknown', 'history'], ['user', null]]);
    assert.deepEqual(b.prompt.map((p) => p.role), ['unknown']);
    assert.equal(facts.historyFetches.length, 1);
    assert.equal(facts.historyFetches[0].feedsPrompt, true);
    assert.equal(facts.historyFetches[0].bounded, false);
  });

  it('follows a messages list built in the same function', () => {
    const s = onlySite(analyzeSnippet(`${HEADER}def f(q):
    messages = [{"role": "system", "content": "S"}, {"role": "user", "content": q}]
    client.chat.completions.create(model="m", messages=messages)
`));
    assert.deepEqual(s.prompt.map((p) => p.role), ['system', 'user']);
  });
});
