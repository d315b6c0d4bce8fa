// A helper that returns a whole conversation, sliced by its caller before it reaches the model, sends a window
// (audit 70: `get_conversation_history(db, sid)[-20:]` was reported as loading the entire history).
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { engineFor } from '../helpers/lint';

const READER = `from app.models import Message


def get_conversation_history(db, session_id: str) -> list[dict]:
    rows = db.query(Message).filter(Message.session_id == session_id).order_by(Message.created_at).all()
    return [{"role": r.role, "content": r.content} for r in rows]
`;

const caller = (read: string) => `from openai import AsyncOpenAI

client = AsyncOpenAI(timeout=60)


async def run(db, session_id: str, message: str) -> str:
    history = ${read}
    messages = [{"role": "system", "content": "You are helpful."}, *history, {"role": "user", "content": message}]
    resp = await client.chat.completions.create(model="gpt-4o", messages=messages)
    print(resp.usage)
    return resp.choices[0].message.content
`;

async function historyFindings(files: Record<string, string>, rel: string): Promise<number> {
  const { engine, root } = await engineFor({ 'app/__init__.py': '', 'app/models.py': 'class Message:\n    pass\n', ...files });
  return engine.lint(path.join(root, rel)).findings.filter((f) => f.ruleId === 'unbounded-history').length;
}

describe('unbounded-history: a window taken by the caller', () => {
  it('same module: silent when sliced, reported when sent whole', async () => {
    assert.equal(await historyFindings({ 'app/chat.py': `${READER}\n\n${caller('get_conversation_history(db, session_id)[-20:]')}` }, 'app/chat.py'), 0);
    assert.equal(await historyFindings({ 'app/chat.py': `${READER}\n\n${caller('get_conversation_history(db, session_id)')}` }, 'app/chat.py'), 1);
  });

  it('another module: silent when sliced, reported when sent whole', async () => {
    const files = (read: string) => ({ 'app/recorder.py': READER, 'app/adapter.py': `from app.recorder import get_conversation_history\n${caller(read)}` });
    assert.equal(await historyFindings(files('get_conversation_history(db, session_id)[-20:]'), 'app/recorder.py'), 0);
    assert.equal(await historyFindings(files('get_conversation_history(db, session_id)'), 'app/recorder.py'), 1);
  });

  it('all of it but an item or two at the ends is no window: [:-1], [1:] (audit 71)', async () => {
    for (const read of ['get_conversation_history(db, session_id)[:-1]', 'get_conversation_history(db, session_id)[1:]']) {
      assert.equal(await historyFindings({ 'app/chat.py': `${READER}\n\n${caller(read)}` }, 'app/chat.py'), 1, read);
    }
    assert.equal(await historyFindings({ 'app/chat.py': `${READER}\n\n${caller('get_conversation_history(db, session_id)[-MAX_TURNS:]')}` }, 'app/chat.py'), 0);
  });
});
