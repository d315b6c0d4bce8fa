"""The service's LLM clients, shared by every route."""
import os

from anthropic import AsyncAnthropic
from langchain_openai import ChatOpenAI
from openai import AsyncOpenAI

# No timeout (600 s per attempt) and no gateway: requests go straight to api.openai.com.
openai_client = AsyncOpenAI()

# A key pasted in while debugging locally; ANTHROPIC_BASE_URL (deploy/docker-compose.yaml) routes it through LiteLLM.
claude = AsyncAnthropic(api_key="sk-ant-api03-Hq7vT2mLk9Xw4Rb8Np1Hs6Dc3Fg5Jy0Ue8Io2Pa4Sd6Fh-QrStUvWx")

# Streams through the company gateway: LangChain then leaves stream usage off.
drafting_model = ChatOpenAI(model="gpt-4o-mini", base_url=os.environ["LLM_GATEWAY_URL"], streaming=True, timeout=30)
