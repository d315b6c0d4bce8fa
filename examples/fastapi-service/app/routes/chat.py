"""POST /v1/chat: the streaming support chat."""
from datetime import datetime, timezone
from pathlib import Path

import redis.asyncio as redis
from fastapi import APIRouter
from fastapi.responses import StreamingResponse

from ..llm import drafting_model, openai_client

router = APIRouter(prefix="/v1")
store = redis.Redis(host="redis", decode_responses=True)
PROMPTS = Path(__file__).resolve().parents[2] / "prompts"


@router.post("/chat")
async def chat(conversation_id: str, message: str) -> StreamingResponse:
    # Read from disk on every request.
    system_prompt = (PROMPTS / "system.md").read_text(encoding="utf-8")
    # The whole conversation, every turn.
    history = await store.lrange(f"chat:{conversation_id}", 0, -1)
    stream = await openai_client.chat.completions.create(
        model="gpt-4o",
        stream=True,
        messages=[
            {
                "role": "system",
                "content": f"""Conversation {conversation_id}, {datetime.now(timezone.utc).isoformat()}.
You are Acme's support copilot. Follow the help-centre articles, answer in the customer's language (français, español, 日本語),
keep answers under 120 words unless the customer asks for step-by-step instructions, never ask for passwords or one-time codes,
and hand off to a human agent for account deletion, ownership transfers, legal threats and suspected fraud.""",
            },
            {"role": "system", "content": system_prompt},
            *({"role": "user", "content": turn} for turn in history),
            {"role": "user", "content": message},
        ],
    )

    async def tokens():
        async for chunk in stream:
            if chunk.choices:
                yield chunk.choices[0].delta.content or ""

    await store.rpush(f"chat:{conversation_id}", message)
    return StreamingResponse(tokens(), media_type="text/event-stream")


@router.post("/chat/draft")
async def draft(message: str) -> StreamingResponse:
    async def tokens():
        async for chunk in drafting_model.astream(message):
            yield chunk.content

    return StreamingResponse(tokens(), media_type="text/event-stream")

