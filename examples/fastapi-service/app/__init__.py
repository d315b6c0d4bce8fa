"""Support copilot: a small FastAPI service with the LLM waste llm-infra-lint finds in Python code."""
