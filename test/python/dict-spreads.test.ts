// A dict literal passed as `**args` keeps its explicit keys beside `**` spreads; a key a later spread may set is unknown.
import * as assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { analyzeSnippet, initPython, onlySite } from './helpers';

before(initPython);

function argsOf(dict: string) {
  const facts = analyzeSnippet(`import litellm


def run(prompt, stream, extra, timeout_override=None):
    args = ${dict}
    return litellm.completion(**args)
`);
  return onlySite(facts).args;
}

const valueOf = (dict: string, key: string) => {
  const v = argsOf(dict).options[key]?.value;
  return v === undefined ? undefined : v.kind === 'number' ? v.value : v.kind;
};

describe('Python: dict literals with spreads', () => {
  it('reads explicit keys beside a conditional spread of literals that lacks them (onyx chat_llm.py)', () => {
    const args = argsOf('{"model": "gpt-4o", "messages": prompt, "timeout": 30, **({"stream_options": {"include_usage": True}} if stream else {})}');
    assert.equal(args.options.timeout?.value.kind, 'number');
    assert.equal(args.options.model?.value.kind, 'string');
    // The spread's keys are not listed: "missing X" rules still stay silent.
    assert.equal(args.hasSpread, true);
    assert.equal(args.options.stream_options, undefined);
  });

  it('keeps a dynamic value as written', () => {
    assert.equal(valueOf('{"timeout": timeout_override or 60, **({"stream_options": {}} if stream else {})}', 'timeout'), 'dynamic');
  });

  it('makes a key unknown when a later spread may set it', () => {
    assert.equal(valueOf('{"timeout": 30, **extra}', 'timeout'), 'dynamic');
    assert.equal(valueOf('{"timeout": 30, **({"timeout": 600} if stream else {})}', 'timeout'), 'dynamic');
    assert.equal(valueOf('{"timeout": 30, **dict(timeout=600)}', 'timeout'), 'dynamic');
    assert.equal(valueOf('{"timeout": 30, **({"stream": True} if stream else extra)}', 'timeout'), 'dynamic');
  });

  it('keeps a key a later spread visibly lacks, or that is written after every spread', () => {
    assert.equal(valueOf('{"timeout": 30, **{"max_tokens": 10}, **dict(temperature=0)}', 'timeout'), 30);
    assert.equal(valueOf('{**extra, "timeout": 30}', 'timeout'), 30);
  });
});
