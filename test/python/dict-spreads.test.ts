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

/** A module-level dict spread into a call in a method (TheR1D/shell_gpt sgpt/handlers/handler.py, audit 119). */
function moduleArgsOf(module: string, method = '') {
  const facts = analyzeSnippet(`import os

import litellm

${module}


class Handler:
    def ask(self, messages, functions):
${method || '        pass'}
        return litellm.completion(model="gpt-4o", messages=messages, **additional_kwargs)
`);
  return onlySite(facts).args;
}

describe('Python: a module-level dict spread into a call', () => {
  const branches = `additional_kwargs = {"timeout": 60, "api_key": os.getenv("KEY")}
if os.getenv("USE_LITELLM"):
    additional_kwargs.pop("api_key")
else:
    additional_kwargs = {"timeout": 60}`;

  it('reads the keys of a dict bound on several branches: a value the same in each counts, others are unknown', () => {
    const args = moduleArgsOf(branches);
    assert.equal(args.hasSpread, false);
    assert.equal(args.options.timeout?.value.kind, 'number');
    assert.equal(args.options.api_key?.value.kind, 'dynamic');
    assert.equal(args.options.stream_options, undefined);
  });

  it('adds keys set by name anywhere in the file, with their values unknown', () => {
    const args = moduleArgsOf(branches, '        if functions:\n            additional_kwargs["tools"] = functions\n            additional_kwargs["timeout"] = 5');
    assert.equal(args.options.tools?.value.kind, 'dynamic');
    assert.equal(args.options.timeout?.value.kind, 'dynamic');
  });

  it('leaves the spread unread when the dict is updated, handed on or rebound to something else', () => {
    assert.equal(moduleArgsOf(branches, '        additional_kwargs.update(extra=1)').hasSpread, true);
    assert.equal(moduleArgsOf(branches, '        configure(additional_kwargs)').hasSpread, true);
    assert.equal(moduleArgsOf(`${branches}\nif os.getenv("X"):\n    additional_kwargs = dict(os.environ)`).hasSpread, true);
  });
});
