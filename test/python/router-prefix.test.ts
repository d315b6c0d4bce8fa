// A FastAPI route's path is its routers' prefixes and its own: nginx locations are matched on it (audit 97,
// Doc-RAG-K8s: `app.include_router(documents_router, prefix="/api/v1/documents")` with `@router.post("/query")`).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { engineFor } from '../helpers/lint';

const DOCUMENTS = (router: string) => `from fastapi import APIRouter
from openai import OpenAI

client = OpenAI(timeout=300)
router = ${router}


@router.post("/query")
async def query(q: str):
    return client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": q}])
`;

async function routeOf(files: Record<string, string>): Promise<string | null | undefined> {
  const { engine, root } = await engineFor({ 'app/__init__.py': '', 'app/api/__init__.py': '', ...files });
  return engine.lint(path.join(root, 'app/api/documents.py')).callSites[0]?.enclosingFunction?.requestPath;
}

describe('FastAPI router prefixes', () => {
  it("joins the router's own prefix", async () => {
    assert.equal(await routeOf({ 'app/api/documents.py': DOCUMENTS('APIRouter(prefix="/documents")') }), 'route POST /documents/query');
  });

  it('joins the prefix the app mounts the router under, by alias or through its module', async () => {
    const alias = 'from fastapi import FastAPI\nfrom app.api.documents import router as documents_router\n\napp = FastAPI()\napp.include_router(documents_router, prefix="/api/v1/documents")\n';
    assert.equal(await routeOf({ 'app/main.py': alias, 'app/api/documents.py': DOCUMENTS('APIRouter()') }), 'route POST /api/v1/documents/query');
    const viaModule = 'from fastapi import FastAPI\nfrom app.api import documents\n\napp = FastAPI()\napp.include_router(documents.router, prefix="/api/")\n';
    assert.equal(await routeOf({ 'app/main.py': viaModule, 'app/api/documents.py': DOCUMENTS('APIRouter(prefix="/documents")') }), 'route POST /api/documents/query');
  });

  it('joins the prefixes of routers that include the router in turn', async () => {
    const apiRouter = 'from fastapi import APIRouter\nfrom app.api import documents\n\napi_router = APIRouter(prefix="/v1")\napi_router.include_router(documents.router, prefix="/documents")\n';
    const main = 'from fastapi import FastAPI\nfrom app.api.router import api_router\n\napp = FastAPI()\napp.include_router(api_router, prefix="/api")\n';
    assert.equal(await routeOf({ 'app/main.py': main, 'app/api/router.py': apiRouter, 'app/api/documents.py': DOCUMENTS('APIRouter()') }), 'route POST /api/v1/documents/query');
  });

  it('follows an edit of the module that mounts the router', async () => {
    const { engine, root } = await engineFor({
      'app/__init__.py': '',
      'app/api/__init__.py': '',
      'app/main.py': 'from fastapi import FastAPI\nfrom app.api.documents import router\n\napp = FastAPI()\n',
      'app/api/documents.py': DOCUMENTS('APIRouter()'),
    });
    const route = () => engine.lint(path.join(root, 'app/api/documents.py')).callSites[0]?.enclosingFunction?.requestPath;
    assert.equal(route(), 'route POST /query');
    engine.setFile(path.join(root, 'app/main.py'), 'from fastapi import FastAPI\nfrom app.api.documents import router\n\napp = FastAPI()\napp.include_router(router, prefix="/api")\n');
    assert.equal(route(), 'route POST /api/query');
  });

  it('leaves a router another module includes without a prefix as it is', async () => {
    const main = 'from fastapi import FastAPI\nfrom app.api.documents import router\n\napp = FastAPI()\napp.include_router(router)\n';
    assert.equal(await routeOf({ 'app/main.py': main, 'app/api/documents.py': DOCUMENTS('APIRouter()') }), 'route POST /query');
  });
});
