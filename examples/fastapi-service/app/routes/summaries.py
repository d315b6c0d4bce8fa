"""POST /v1/summaries: long ticket reports from Claude."""
from fastapi import APIRouter

from ..llm import claude
from ..prompts import SUPPORT_POLICY

router = APIRouter(prefix="/v1")


@router.post("/summaries")
async def summarize(ticket: str) -> dict:
    report = await claude.messages.create(
        model="claude-sonnet-4-5",
        max_tokens=32000,
        system=SUPPORT_POLICY,
        messages=[{"role": "user", "content": f"Write a full incident report for this ticket:\n\n{ticket}"}],
    )
    return {"report": report.content[0].text}
