"""The FastAPI app: `uvicorn app.main:app`."""
from fastapi import FastAPI

from .routes import agent, chat, classify, review, summaries

app = FastAPI(title="Support copilot")
app.include_router(chat.router)
app.include_router(summaries.router)
app.include_router(classify.router)
app.include_router(review.router)
app.include_router(agent.router)


@app.get("/healthz")
async def healthz() -> dict:
    return {"ok": True}
