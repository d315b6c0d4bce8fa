import * as assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { analyze, analyzeSnippet, initPython } from './helpers';

before(initPython);

const CALL = `client.chat.completions.create(model="gpt-4o", messages=[])`;
const HEADER = `from openai import OpenAI\nclient = OpenAI(timeout=10)\n`;

function reasons(code: string, name = 'app/main.py'): Array<string | null> {
  return analyzeSnippet(HEADER + code, name).callSites.map((s) => s.enclosingFunction?.requestPath ?? null);
}

describe('request paths', () => {
  it('FastAPI and APIRouter decorators', () => {
    assert.deepEqual(reasons(`from fastapi import FastAPI, APIRouter
app = FastAPI()
router = APIRouter(prefix="/v1")

@app.post("/chat")
async def chat():
    return ${CALL}

@router.get("/items/{id}")
def item(id: int):
    return ${CALL}

@app.api_route("/both", methods=["GET", "POST"])
def both():
    return ${CALL}

@app.websocket("/ws")
async def ws(sock):
    return ${CALL}

def not_a_route():
    return ${CALL}
`), ['route POST /chat', 'route GET /v1/items/{id}', 'route GET|POST /both', 'route WEBSOCKET /ws', null]);
  });

  it('Starlette routes and add_api_route registrations', () => {
    assert.deepEqual(reasons(`from starlette.routing import Route
async def home(request):
    return ${CALL}

async def other(request):
    return ${CALL}

routes = [Route("/", home)]
app.add_api_route("/other", other, methods=["POST"])
`), ['route GET /', 'route POST /other']);
  });

  it('Flask routes and blueprints', () => {
    assert.deepEqual(reasons(`from flask import Flask, Blueprint
app = Flask(__name__)
bp = Blueprint("chat", __name__)

@app.route("/ask", methods=["POST"])
def ask():
    return ${CALL}

@bp.route("/b")
def b():
    return ${CALL}
`), ['route POST /ask', 'route GET /b']);
  });

  it('Django function views, class-based views and DRF viewsets', () => {
    assert.deepEqual(reasons(`from django.views import View
from rest_framework import viewsets
from rest_framework.decorators import api_view, action

def answer(request):
    return ${CALL}

def helper(text):
    return ${CALL}

class ChatView(View):
    def post(self, request):
        return ${CALL}

class ChatViewSet(viewsets.ModelViewSet):
    def create(self, request):
        return ${CALL}

    @action(detail=True, methods=["post"])
    def summarise(self, request, pk=None):
        return ${CALL}

@api_view(["POST"])
def drf(request):
    return ${CALL}
`, 'chat/views.py'), [
      'Django view', null, 'Django view', 'Django REST framework viewset', 'Django REST framework viewset action', 'Django REST framework view',
    ]);
  });

  it('names Flask class-based views and Flask-RESTX / Flask-RESTful resources as such, not as Django views', () => {
    assert.deepEqual(reasons(`from flask.views import MethodView
from flask_restx import Resource
import flask_restful

class ChatAPI(MethodView):
    def post(self):
        return ${CALL}

class Ask(Resource):
    def post(self):
        return ${CALL}

class Legacy(flask_restful.Resource):
    def get(self):
        return ${CALL}
`, 'app/api.py'), ['Flask view', 'Flask-RESTX resource', 'Flask-RESTful resource']);
  });

  it('does not treat `request` parameters outside views modules as Django views', () => {
    assert.deepEqual(reasons(`def build(request):\n    return ${CALL}\n`, 'app/util.py'), [null]);
  });

  it('AWS Lambda handlers and Celery tasks', () => {
    assert.deepEqual(reasons(`from celery import Celery, shared_task
celery_app = Celery("w")

def handler(event, context):
    return ${CALL}

@shared_task
def summarise(doc_id):
    return ${CALL}

@celery_app.task(bind=True, max_retries=3)
def classify(self, text):
    return ${CALL}
`), ['serverless handler', 'Celery task', 'Celery task']);
  });

  it('functions reached from handlers, methods through self, nested functions and callbacks', () => {
    assert.deepEqual(reasons(`import asyncio
from fastapi import FastAPI
app = FastAPI()

def build():
    return ${CALL}

def generate():
    return build()

class Service:
    def run(self):
        return self._call()

    def _call(self):
        return ${CALL}

def worker():
    return ${CALL}

@app.post("/x")
async def x():
    generate()
    Service().run()
    def inner():
        return ${CALL}
    await asyncio.to_thread(worker)
    return inner()
`), [
      'called from generate (called from x (route POST /x))',
      'called from run (called from x (route POST /x))',
      'called from x (route POST /x)',
      'route POST /x',
    ]);
  });

  it('functions called from handlers in other workspace modules', () => {
    const files = {
      'app/llm.py': `${HEADER}
def summarise(text):
    return ${CALL}

class Bot:
    def reply(self, q):
        return ${CALL}

def unused():
    return ${CALL}
`,
      'app/routes.py': `from fastapi import APIRouter
from .llm import summarise, Bot
import app.llm as llm
router = APIRouter()

@router.post("/s")
def s(text: str):
    return summarise(text)

@router.post("/r")
def r(q: str):
    bot = Bot()
    return bot.reply(q)
`,
    };
    const facts = analyze(files, 'app/llm.py');
    assert.deepEqual(facts.callSites.map((c) => c.enclosingFunction?.requestPath ?? null), [
      'called from s in routes.py (route POST /s)',
      'called from r in routes.py (route POST /r)',
      null,
    ]);
  });
});
