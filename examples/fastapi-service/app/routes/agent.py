"""POST /v1/agent: a support agent whose tools run on the company's MCP server."""
import json
import time

from fastapi import APIRouter
from mcp import ClientSession
from mcp.client.streamable_http import streamablehttp_client

from ..llm import openai_client
from ..tools import TOOL_DEFS

router = APIRouter(prefix="/v1")
MCP_SERVER_URL = "http://mcp:3001/mcp"
# Tools every plan gets. A set: each worker process iterates it in its own order.
BASE_TOOLS = {"get_invoice", "get_subscription", "get_usage", "list_devices", "restore_file", "open_ticket"}


@router.post("/agent")
async def agent(question: str, answer_schema: dict) -> dict:
    started = time.perf_counter()
    async with streamablehttp_client(MCP_SERVER_URL) as (read, write, _):
        async with ClientSession(read, write) as session:
            await session.initialize()
            messages = [
                {"role": "system", "content": f"Reply with JSON matching {json.dumps(answer_schema)}."},
                {"role": "user", "content": question},
            ]
            for turn in range(6):
                res = await openai_client.chat.completions.create(
                    model="gpt-4o",
                    tools=[TOOL_DEFS[name] for name in BASE_TOOLS],
                    messages=messages,
                )
                message = res.choices[0].message
                if not message.tool_calls:
                    print(f"POST /v1/agent took {time.perf_counter() - started:.2f}s after {turn + 1} turns")
                    return {"answer": message.content, "usage": res.usage.model_dump()}
                messages.append(message.model_dump())
                for call in message.tool_calls:
                    result = await session.call_tool(call.function.name, json.loads(call.function.arguments))
                    messages.append({"role": "tool", "tool_call_id": call.id, "content": str(result.content)})
    return {"answer": None}
