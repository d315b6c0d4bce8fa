import * as assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { analyze, initPython } from './helpers';

before(initPython);

const APPROACH = `from openai import AsyncOpenAI

class Approach:
    def __init__(self, *, openai_client: AsyncOpenAI, model: str):
        self.openai_client = openai_client
        self.model = model

    async def run(self, q):
        return await self.openai_client.chat.completions.create(model=self.model, messages=[{"role": "user", "content": q}])
`;

const SETUP = (arg: string) => `import os
from openai import AsyncAzureOpenAI, AsyncOpenAI
from approaches.approach import Approach

def setup(config):
    openai_client: AsyncOpenAI
    if os.getenv("OPENAI_HOST") == "azure":
        openai_client = AsyncAzureOpenAI(azure_endpoint=os.environ["AZURE_OPENAI_ENDPOINT"], api_version="2024-06-01", timeout=20)
    else:
        openai_client = AsyncOpenAI(timeout=20)
    config["approach"] = Approach(${arg}, model=os.environ["MODEL"])
`;

describe('clients handed to a constructor by another module', () => {
  it('resolves the attribute to the clients app setup builds, every branch kept', () => {
    const facts = analyze({ 'approaches/approach.py': APPROACH, 'app.py': SETUP('openai_client=openai_client') });
    const [site] = facts.callSites;
    assert.ok(site.client?.path.endsWith('/app.py'));
    assert.deepEqual(Object.keys(site.client!.args.options), ['timeout']);
    assert.equal(site.otherClients?.length, 1);
  });

  it('stays unknown when a construction passes no client, or leaves the keyword out', () => {
    for (const arg of ['openai_client=make_client()', 'openai_client=None', '**kwargs']) {
      const facts = analyze({ 'approaches/approach.py': APPROACH, 'app.py': SETUP(arg) });
      assert.equal(facts.callSites[0].client, null, arg);
    }
  });

  it('stays unknown when another module constructs it with another client', () => {
    const facts = analyze({
      'approaches/approach.py': APPROACH,
      'app.py': SETUP('openai_client=openai_client'),
      'worker.py': 'from approaches.approach import Approach\n\ndef make(c):\n    return Approach(openai_client=c, model="m")\n',
    });
    assert.equal(facts.callSites[0].client, null);
  });
});
