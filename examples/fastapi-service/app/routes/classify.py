"""POST /v1/classify: routes tickets to a queue, with a hand-written retry loop."""
import logging

from fastapi import APIRouter

from ..llm import openai_client

router = APIRouter(prefix="/v1")
logger = logging.getLogger(__name__)
QUEUES = ["billing", "sync", "sharing", "account", "other"]


@router.post("/classify")
async def classify(ticket: str) -> dict:
    for attempt in range(5):
        try:
            completion = await openai_client.chat.completions.create(
                model="gpt-4o-mini",
                messages=[
                    {"role": "system", "content": f"Pick one queue from {', '.join(QUEUES)}. Answer with the queue name only."},
                    {"role": "user", "content": ticket},
                ],
            )
            return {"queue": (completion.choices[0].message.content or "other").strip()}
        except Exception as exc:
            logger.warning("classification failed (attempt %d): %s", attempt, exc)
    return {"queue": "other"}
