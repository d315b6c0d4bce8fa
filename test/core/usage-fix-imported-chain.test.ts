// A LangChain chain built in one module (`prompt | llm | StrOutputParser()`) and invoked in another hands back text or
// parsed data: the usage is discarded, but a fix that logs `result.usage_metadata` would raise AttributeError.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { engineFor } from '../helpers/lint';

const CHAINS = `from langchain_core.output_parsers import StrOutputParser
from langchain_core.prompts import ChatPromptTemplate
from langchain_openai import ChatOpenAI
from pydantic import BaseModel

llm = ChatOpenAI(model="gpt-4o-mini", timeout=60)
prompt = ChatPromptTemplate.from_messages([("human", "{question}")])


class Grade(BaseModel):
    binary_score: bool


generation_chain = prompt | llm | StrOutputParser()
grader = prompt | llm.with_structured_output(Grade)
raw_chain = prompt | llm
`;

const GRAPH = `from chains.generation import generation_chain, grader, raw_chain


def generate(question: str) -> str:
    text = generation_chain.invoke({"question": question})
    return text.strip()


def grade(question: str) -> bool:
    score = grader.invoke({"question": question})
    return score.binary_score


def answer(question: str) -> str:
    message = raw_chain.invoke({"question": question})
    return message.content
`;

describe('usage-discarded on a chain imported from another module', () => {
  it('reports text- and data-returning chains without a fix, and keeps the fix for a chain that returns the message', async () => {
    const { engine, root } = await engineFor({ 'chains/__init__.py': '', 'chains/generation.py': CHAINS, 'graph.py': GRAPH });
    const findings = engine.lint(path.join(root, 'graph.py')).findings.filter((f) => f.ruleId === 'usage-discarded');
    const line = (offset: number) => GRAPH.slice(0, offset).split('\n').length;
    assert.deepEqual(
      findings.map((f) => [line(f.span.start), !!f.fix]),
      [
        [5, false],
        [10, false],
        [15, true],
      ],
    );
  });
});
