import * as assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { applyEdits } from '../../server/src/core/text';
import type { TextEdit } from '../../server/src/core/types';
import { ensurePythonImport, pythonWriter as w } from '../../server/src/languages/python/writer';
import { firstPartyFor, joinNewSectionImports } from '../../server/src/languages/python/import-sections';
import type { ProjectFiles } from '../../server/src/core/front-end';
import { analyzeSnippet, assertParses, initPython, onlySite } from './helpers';

before(initPython);

function apply(text: string, edits: Array<TextEdit | null>): string {
  const out = applyEdits(text, edits.filter((e): e is TextEdit => !!e));
  assertParses(out);
  return out;
}

/** Adds an option to the only client construction (or call site) of a snippet. */
function addToClient(code: string, key: string, value: Parameters<typeof w.addOption>[2]): string {
  const facts = analyzeSnippet(code);
  const args = facts.clients.length ? facts.clients[0].args : onlySite(facts).args;
  return apply(code, w.addOption(args, key, value, code));
}

describe('render', () => {
  it('renders Python literals', () => {
    assert.equal(w.render({ include_usage: true, n: 3, none: null, s: 'a"b', list: [1, false] }), '{"include_usage": True, "n": 3, "none": None, "s": "a\\"b", "list": [1, False]}');
    assert.equal(w.render({ $code: { python: 'httpx.Timeout(60, connect=5)', typescript: '60_000' } }), 'httpx.Timeout(60, connect=5)');
    assert.throws(() => w.render({ $code: { typescript: 'x' } }));
    assert.equal(w.envRead('OPENAI_BASE_URL'), 'os.environ.get("OPENAI_BASE_URL")');
    assert.deepEqual(w.envReadImports, [['os', []]]);
    assert.equal(w.lineComment, '#');
  });
});

describe('addOption', () => {
  it('fills empty parentheses', () => {
    assert.equal(addToClient('from openai import OpenAI\nc = OpenAI()\n', 'timeout', 30), 'from openai import OpenAI\nc = OpenAI(timeout=30)\n');
  });

  it('appends to a one-line argument list, with or without a trailing comma', () => {
    assert.equal(addToClient('from openai import OpenAI\nc = OpenAI(api_key=k)\n', 'timeout', 30), 'from openai import OpenAI\nc = OpenAI(api_key=k, timeout=30)\n');
    assert.equal(addToClient('from openai import OpenAI\nc = OpenAI(api_key=k,)\n', 'max_retries', 0), 'from openai import OpenAI\nc = OpenAI(api_key=k, max_retries=0,)\n');
  });

  it('keeps one argument per line at the right indentation, with and without trailing commas', () => {
    const a = 'from openai import OpenAI\nc = OpenAI(\n    api_key=k,\n    base_url=u,\n)\n';
    assert.equal(addToClient(a, 'timeout', 30), 'from openai import OpenAI\nc = OpenAI(\n    api_key=k,\n    base_url=u,\n    timeout=30,\n)\n');
    const b = 'from openai import OpenAI\nc = OpenAI(\n        api_key=k,\n        base_url=u  # gateway\n)\n';
    // A comment ending the last argument's line stays with that argument.
    assert.equal(addToClient(b, 'timeout', 30), 'from openai import OpenAI\nc = OpenAI(\n        api_key=k,\n        base_url=u,  # gateway\n        timeout=30\n)\n');
    const commented = 'from openai import OpenAI\nc = OpenAI(\n    base_url=u,\n    max_retries=0,  # the gateway retries\n)\n';
    assert.equal(addToClient(commented, 'timeout', 30), 'from openai import OpenAI\nc = OpenAI(\n    base_url=u,\n    max_retries=0,  # the gateway retries\n    timeout=30,\n)\n');
    const c = 'from openai import OpenAI\nc = OpenAI(api_key=k,\n           base_url=u)\n';
    assert.equal(addToClient(c, 'timeout', 30), 'from openai import OpenAI\nc = OpenAI(api_key=k,\n           base_url=u,\n           timeout=30)\n');
  });

  it('inserts before **kwargs', () => {
    assert.equal(addToClient('from openai import OpenAI\nc = OpenAI(api_key=k, **extra)\n', 'timeout', 30), 'from openai import OpenAI\nc = OpenAI(api_key=k, timeout=30, **extra)\n');
    const multi = 'from openai import OpenAI\nc = OpenAI(\n    api_key=k,\n    **extra,\n)\n';
    assert.equal(addToClient(multi, 'timeout', 30), 'from openai import OpenAI\nc = OpenAI(\n    api_key=k,\n    timeout=30,\n    **extra,\n)\n');
  });

  it('adds a dict value to a call, and an entry to a dict literal', () => {
    const code = 'from openai import OpenAI\nc = OpenAI()\ns = c.chat.completions.create(model="m", messages=[], stream=True)\n';
    const site = onlySite(analyzeSnippet(code));
    assert.equal(apply(code, w.addOption(site.args, 'stream_options', { include_usage: true }, code)), code.replace('stream=True)', 'stream=True, stream_options={"include_usage": True})'));
    const http = 'import requests\nr = requests.post("https://api.openai.com/v1/chat/completions", json={"model": "m", "stream": True})\n';
    const h = onlySite(analyzeSnippet(http));
    assert.equal(apply(http, w.addOption(h.args, 'stream_options', { include_usage: true }, http)), http.replace('"stream": True}', '"stream": True, "stream_options": {"include_usage": True}}'));
  });

  it('adds a keyword when the first argument is a dict literal', () => {
    const code = 'from langchain_openai import ChatOpenAI\nllm = ChatOpenAI(model="m")\nllm.invoke({"q": 1})\n';
    const site = onlySite(analyzeSnippet(code));
    assert.equal(apply(code, w.addOption(site.args, 'config', { tags: ['x'] }, code)), code.replace('invoke({"q": 1})', 'invoke({"q": 1}, config={"tags": ["x"]})'));
  });

  it('replaces a value with setOption', () => {
    const code = 'from openai import OpenAI\nc = OpenAI(max_retries=5)\n';
    const opt = analyzeSnippet(code).clients[0].args.options.max_retries;
    assert.equal(apply(code, w.setOption(opt, 0)), 'from openai import OpenAI\nc = OpenAI(max_retries=0)\n');
  });
});

describe('statements', () => {
  const code = `import os

@app.post("/x")
async def handler(q):
    if q:
        r = await client.chat.completions.create(
            model="m",
            messages=[],
        )  # trailing
        return r.choices[0]
`;
  it('inserts before the statement containing an offset, at its indentation', () => {
    const at = code.indexOf('model=');
    const out = apply(code, [w.insertStatementBefore(code, at, 'span = start()\nspan.ok = 1')]);
    assert.ok(out.includes('    if q:\n        span = start()\n        span.ok = 1\n        r = await client'));
    const dec = apply(code, [w.insertStatementBefore(code, code.indexOf('async def'), 'PROMPT = load()\n')]);
    assert.ok(dec.includes('import os\n\nPROMPT = load()\n\n@app.post'));
  });

  it('inserts after the statement that ends at an offset, after its trailing comment', () => {
    const end = code.indexOf(')  # trailing') + 1;
    const out = apply(code, [w.insertStatementAfter(code, end, 'record(r.usage)')]);
    assert.ok(out.includes(')  # trailing\n        record(r.usage)\n        return r.choices[0]'));
  });

  it('keeps CRLF line breaks', () => {
    const crlf = 'def f():\r\n    x = 1\r\n';
    const out = apply(crlf, [w.insertStatementAfter(crlf, crlf.indexOf('1') + 1, 'y = 2')]);
    assert.equal(out, 'def f():\r\n    x = 1\r\n    y = 2\r\n');
  });

  it('indents every line of inserted code and writes the file\'s own line break, whatever breaks the code has', () => {
    for (const nl of ['\n', '\r\n', '\r']) {
      const text = ['def f():', '    x = 1', ''].join(nl);
      for (const code of ['a = 1\nb = 2', 'a = 1\r\nb = 2', 'a = 1\rb = 2']) {
        const after = applyEdits(text, [w.insertStatementAfter(text, text.indexOf('1') + 1, code)]);
        assert.equal(after, ['def f():', '    x = 1', '    a = 1', '    b = 2', ''].join(nl), JSON.stringify({ nl, code }));
        const before = applyEdits(text, [w.insertStatementBefore(text, text.indexOf('x'), code)]);
        assert.equal(before, ['def f():', '    a = 1', '    b = 2', '    x = 1', ''].join(nl), JSON.stringify({ nl, code }));
      }
    }
  });

  it('addOption: a comment in an argument list ends at a lone \\r', () => {
    const text = 'from openai import OpenAI\rc = OpenAI(\r    api_key=k,  # key\r    base_url=u,\r)\r';
    const args = analyzeSnippet(text.replace(/\r/g, '\n')).clients[0].args;
    assert.equal(applyEdits(text, w.addOption(args, 'timeout', 30, text)), 'from openai import OpenAI\rc = OpenAI(\r    api_key=k,  # key\r    base_url=u,\r    timeout=30,\r)\r');
  });
});

describe('ensureImport', () => {
  it('adds `import os` after the docstring, __future__ and existing imports', () => {
    const code = '"""Module."""\nfrom __future__ import annotations\nimport json\n\nx = 1\n';
    assert.equal(apply(code, [w.ensureImport(code, 'os', [])]), '"""Module."""\nfrom __future__ import annotations\nimport json\nimport os\n\nx = 1\n');
    const doc = '#!/usr/bin/env python\n"""Doc."""\n\nx = 1\n';
    assert.equal(apply(doc, [w.ensureImport(doc, 'os', [])]), '#!/usr/bin/env python\n"""Doc."""\nimport os\n\nx = 1\n');
    const bare = '# comment\nx = 1\n';
    assert.equal(apply(bare, [w.ensureImport(bare, 'os', [])]), '# comment\nimport os\nx = 1\n');
    assert.equal(apply('', [w.ensureImport('', 'os', [])]), 'import os\n');
  });

  it('does nothing when the import is there', () => {
    assert.equal(w.ensureImport('import os\n', 'os', []), null);
    assert.equal(w.ensureImport('import os.path\n', 'os', []), null);
    assert.equal(w.ensureImport('from functools import lru_cache\n', 'functools', ['lru_cache']), null);
  });

  it('merges into an existing from-import, also parenthesised', () => {
    const code = 'from functools import partial\n';
    assert.equal(apply(code, [w.ensureImport(code, 'functools', ['lru_cache'])]), 'from functools import partial, lru_cache\n');
    const multi = 'from tenacity import (\n    retry,\n    stop_after_attempt,\n)\n';
    assert.equal(apply(multi, [w.ensureImport(multi, 'tenacity', ['wait_random_exponential'])]), 'from tenacity import (\n    retry,\n    stop_after_attempt,\n    wait_random_exponential,\n)\n');
    const fresh = 'import os\n';
    assert.equal(apply(fresh, [w.ensureImport(fresh, 'opentelemetry', ['trace'])]), 'import os\nfrom opentelemetry import trace\n');
  });

  it('inserts after a byte order mark, never before it (Python allows one only at the start)', () => {
    const code = '\uFEFFx = 1\n';
    assert.equal(apply(code, [w.ensureImport(code, 'os', [])]), '\uFEFFimport os\nx = 1\n');
    assert.equal(apply(code, [w.insertStatementBefore(code, code.indexOf('1'), 'y = 2')]), '\uFEFFy = 2\nx = 1\n');
  });
});

// Audit 100: fixes added `import httpx` / `import os` / `from opentelemetry import trace` after first-party and relative
// imports, which isort- and ruff-checked projects reject. A new import joins its isort section.
describe('ensureImport places the import in its isort section', () => {
  const ours = (top: string) => top === 'app';
  const add = (code: string, module: string, names: string[] = [], firstParty?: (top: string) => boolean) => apply(code, [ensurePythonImport(code, module, names, firstParty)]);
  const repro = '"""Client."""\nfrom __future__ import annotations\n\nimport logging\n\nfrom anthropic import Anthropic\n\nfrom app.prompts import build\n\nfrom .settings import URL\n\nx = 1\n';

  it('puts a third-party import with the third-party section, sorted, above first-party and relative imports', () => {
    assert.equal(
      add(repro, 'httpx', [], ours),
      '"""Client."""\nfrom __future__ import annotations\n\nimport logging\n\nimport httpx\nfrom anthropic import Anthropic\n\nfrom app.prompts import build\n\nfrom .settings import URL\n\nx = 1\n',
    );
    assert.equal(
      add(repro, 'opentelemetry', ['trace'], ours),
      '"""Client."""\nfrom __future__ import annotations\n\nimport logging\n\nfrom anthropic import Anthropic\nfrom opentelemetry import trace\n\nfrom app.prompts import build\n\nfrom .settings import URL\n\nx = 1\n',
    );
  });

  it('puts a standard-library import with the standard library, with or without the workspace', () => {
    const expected = '"""Client."""\nfrom __future__ import annotations\n\nimport logging\nimport os\n\nfrom anthropic import Anthropic\n\nfrom app.prompts import build\n\nfrom .settings import URL\n\nx = 1\n';
    assert.equal(add(repro, 'os', [], ours), expected);
    assert.equal(add(repro, 'os'), expected);
    assert.equal(add(repro, 'asyncio'), expected.replace('import logging\nimport os', 'import asyncio\nimport logging'));
  });

  it('starts a missing section before the first import of a later one, after the docstring and __future__', () => {
    const code = '"""Doc."""\nfrom __future__ import annotations\n\nfrom app.core import settings\nfrom .models import Item\n\nx = 1\n';
    assert.equal(add(code, 'os'), '"""Doc."""\nfrom __future__ import annotations\n\nimport os\n\nfrom app.core import settings\nfrom .models import Item\n\nx = 1\n');
    assert.equal(add(code, 'httpx', [], ours), '"""Doc."""\nfrom __future__ import annotations\n\nimport httpx\n\nfrom app.core import settings\nfrom .models import Item\n\nx = 1\n');
    // The comment that heads the first-party section stays with it.
    const headed = 'import os\n\n# ours\nfrom app import x\n';
    assert.equal(add(headed, 'httpx', [], ours), 'import os\n\nimport httpx\n\n# ours\nfrom app import x\n');
    // Nothing but __future__: after it, as before.
    assert.equal(add('from __future__ import annotations\nx = 1\n', 'os'), 'from __future__ import annotations\nimport os\nx = 1\n');
  });

  it('joins the imports of one fix that open the same new section into one block', () => {
    const code = 'import httpx\n\nfrom app import x\n';
    const edits = ['time', 'random'].map((m) => ensurePythonImport(code, m, [], ours)!);
    assert.equal(applyEdits(code, joinNewSectionImports(edits)), 'import random\nimport time\n\nimport httpx\n\nfrom app import x\n');
  });

  it('keeps adding after the last import when sections cannot be told apart', () => {
    // Third or first party is unknown without the workspace.
    const rel = 'import os\n\nfrom app.core import y\n\nx = 1\n';
    assert.equal(add(rel, 'httpx'), 'import os\n\nfrom app.core import y\nimport httpx\n\nx = 1\n');
    // Imports out of section order.
    const mixed = 'from .models import Item\nimport json\n\nx = 1\n';
    assert.equal(add(mixed, 'os'), 'from .models import Item\nimport json\nimport os\n\nx = 1\n');
    // `import json, httpx` belongs to no one section.
    const both = 'import json, httpx\nfrom .models import Item\n';
    assert.equal(add(both, 'os', [], ours), 'import json, httpx\nfrom .models import Item\nimport os\n');
  });

  it('adds at the end of a section that is not sorted the isort way', () => {
    const code = 'import os\n\nfrom openai import OpenAI\nimport anthropic\n\nfrom app import x\n';
    assert.equal(add(code, 'httpx', [], ours), 'import os\n\nfrom openai import OpenAI\nimport anthropic\nimport httpx\n\nfrom app import x\n');
    // force_sort_within_sections (by module only) is sorted too.
    const byModule = 'import os\n\nfrom anthropic import Anthropic\nimport openai\n\nfrom app import x\n';
    assert.equal(add(byModule, 'httpx', [], ours), 'import os\n\nfrom anthropic import Anthropic\nimport httpx\nimport openai\n\nfrom app import x\n');
  });

  it("tells the workspace's own packages from installed ones", () => {
    const paths = ['/ws/app/__init__.py', '/ws/app/client.py', '/ws/app/prompts.py', '/ws/src/pkg/mod.py', '/ws/providers/openai.py', '/ws/providers/chat.py', '/ws/backend/core/db.py', '/ws/backend/api/routes.py'];
    const project: ProjectFiles = { root: '/ws', text: () => undefined, version: () => undefined, has: (p) => paths.includes(p), paths: () => paths, fileSetVersion: () => 1 };
    const app = firstPartyFor('/ws/app/client.py', project);
    assert.deepEqual(['app', 'pkg', 'prompts', 'httpx', 'os'].map(app), [true, true, true, false, false]);
    // `providers/openai.py` beside the file is a wrapper named after the SDK: `import openai` is the SDK.
    assert.equal(firstPartyFor('/ws/providers/chat.py', project)('openai'), false);
    // A monorepo's backend/: `core` is found from backend/api/routes.py.
    assert.equal(firstPartyFor('/ws/backend/api/routes.py', project)('core'), true);
  });
});
