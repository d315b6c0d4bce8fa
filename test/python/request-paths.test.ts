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

  it('Litestar handlers: bare decorators, a list of paths, a Controller method', () => {
    assert.deepEqual(reasons(`import litestar
from litestar import Controller, get, post
from requests import get as fetch

@post("/chat")
async def chat(data: dict) -> dict:
    return ${CALL}

@litestar.post(["/v1/chat/completions", "/chat/completions"])
async def completions(data: dict) -> dict:
    return ${CALL}

class Ask(Controller):
    path = "/ask"

    @get()
    async def ask(self) -> str:
        return ${CALL}

@fetch("/not-a-route")
def decorated_by_something_else():
    return ${CALL}
`), ['route POST /chat', 'route POST /v1/chat/completions', 'route GET', null]);
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

  it('Dramatiq actors, not other libraries\' actor decorators', () => {
    assert.deepEqual(reasons(`import dramatiq
from dramatiq import actor
from pykka_helpers import actor as pykka_actor

@dramatiq.actor(max_retries=0)
def summarize(doc_id):
    return ${CALL}

@actor(queue_name="llm")
def classify(doc_id):
    return ${CALL}

@pykka_actor
def other(doc_id):
    return ${CALL}
`), ['Dramatiq actor', 'Dramatiq actor', null]);
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

  describe('chat front ends and bots', () => {
    it('Chainlit message handlers and action callbacks, not its chat-start hooks', () => {
      assert.deepEqual(reasons(`import chainlit as cl
from chainlit import on_message

@cl.on_chat_start
async def start():
    return ${CALL}

@cl.on_message
async def main(message: cl.Message):
    return ${CALL}

@cl.action_callback("retry")
async def retry(action):
    return ${CALL}

@on_message
async def other(message):
    return ${CALL}
`), [null, 'Chainlit message handler', 'Chainlit action callback', 'Chainlit message handler']);
    });

    it('Gradio interfaces and event listeners, positional or fn=, and methods handed over', () => {
      assert.deepEqual(reasons(`import gradio as gr

def respond(message, history):
    return ${CALL}

def summarize(text):
    return ${CALL}

class Me:
    def chat(self, message, history):
        return ${CALL}

def on_page_load():
    return ${CALL}

me = Me()
with gr.Blocks() as demo:
    gr.ChatInterface(fn=respond)
    gr.Button("Go").click(summarize, inputs=[], outputs=[])
    demo.load(on_page_load)
gr.ChatInterface(me.chat, type="messages").launch()
`), ['Gradio ChatInterface handler', 'Gradio click listener', 'Gradio ChatInterface handler', null]);
    });

    it('Gradio method names in a file without gradio are not listeners', () => {
      assert.deepEqual(reasons(`import polars as pl

def pick(df):
    return ${CALL}

pl.DataFrame({}).select(pick)
`), [null]);
    });

    it('Slack Bolt and discord.py handlers, by decorator and by the event named', () => {
      assert.deepEqual(reasons(`from slack_bolt import App
app = App()

@app.event("app_mention")
def mentioned(event, say):
    return ${CALL}

@app.event("reaction_added")
def reacted(event):
    return ${CALL}

@app.command("/ask")
def ask(ack, command):
    return ${CALL}
`), ['chat-bot message handler', null, 'chat-bot message handler']);
      assert.deepEqual(reasons(`import discord
client = discord.Client(intents=discord.Intents.default())

@client.event
async def on_ready():
    return ${CALL}

@client.event
async def on_message(message):
    return ${CALL}
`), [null, 'chat-bot message handler']);
    });

    it('websockets servers: the connection handler, a method or a module function', () => {
      assert.deepEqual(reasons(`import asyncio
import websockets
from websockets.asyncio.server import serve

async def echo(websocket):
    async for message in websocket:
        await websocket.send(${CALL})

class Server:
    async def run(self):
        async with websockets.serve(self._handle_client, "0.0.0.0", 8765):
            await asyncio.Future()

    async def _handle_client(self, websocket):
        return ${CALL}

async def not_served(websocket):
    return ${CALL}

async def main():
    async with serve(echo, "localhost", 8765):
        await asyncio.Future()
`), ['websockets connection handler', 'websockets connection handler', null]);
    });

    it('python-telegram-bot handlers registered here or in another module', () => {
      const files = {
        'bot/handlers.py': `${HEADER}
async def reply(update, context):
    return ${CALL}

async def unused(update, context):
    return ${CALL}
`,
        'bot/main.py': `from telegram.ext import ApplicationBuilder, MessageHandler, filters
from bot.handlers import reply

def main():
    app = ApplicationBuilder().token("t").build()
    app.add_handler(MessageHandler(filters.TEXT, reply))
`,
      };
      assert.deepEqual(analyze(files, 'bot/handlers.py').callSites.map((c) => c.enclosingFunction?.requestPath ?? null), ['chat-bot message handler', null]);
    });
  });

  it('Tornado handlers, with the path the module maps to them, and not the standard library\'s', () => {
    assert.deepEqual(reasons(`import tornado.web
from http.server import BaseHTTPRequestHandler

class BaseHandler(tornado.web.RequestHandler):
    pass

class Chat(BaseHandler):
    async def post(self):
        return ${CALL}

class Stream(tornado.websocket.WebSocketHandler):
    def on_message(self, message):
        return ${CALL}

class Static(tornado.web.RequestHandler):
    def get(self, path):
        return ${CALL}

class Plain(BaseHTTPRequestHandler):
    def get(self):
        return ${CALL}

app = tornado.web.Application([(r"/chat", Chat), (r"/ws", Stream), (r"/(.*)", Static)])
`), ['route POST /chat', 'route WEBSOCKET /ws', 'Tornado request handler', null]);
    assert.deepEqual(reasons(`import logging

class Audit(logging.Handler):
    def get(self):
        return ${CALL}
`), [null]);
  });

  it('aiohttp routes registered on the router or as route definitions, also inside functions and methods', () => {
    assert.deepEqual(reasons(`from aiohttp import web, ClientSession

async def chat(request):
    return ${CALL}

async def ask(request):
    return ${CALL}

async def anything(request):
    return ${CALL}

class Server:
    def __init__(self):
        self.app = web.Application()
        self.app.router.add_post("/stream", self.handle_stream)

    async def handle_stream(self, request):
        return ${CALL}

async def fetch(url):
    return ${CALL}

def create_app():
    app = web.Application()
    app.router.add_post("/chat", chat)
    app.add_routes([web.get("/ask", ask)])
    app.router.add_route("*", "/any", anything)
    return app

async def poll():
    async with ClientSession() as session:
        await session.post("/remote", data=fetch)
`), ['route POST /chat', 'route GET /ask', 'route ANY /any', 'route POST /stream', null]);
  });

  it('a Streamlit script reruns the functions its top level calls, not the cached ones', () => {
    assert.deepEqual(reasons(`import streamlit as st

def answer(q):
    return ${CALL}

@st.cache_resource
def intro():
    return ${CALL}

@st.cache_data
def cached(q):
    return ${CALL}

st.title("Chat")
st.write(intro())
if q := st.chat_input():
    st.write(answer(q))
    st.write(cached(q))
`, 'app.py'), ['Streamlit reruns the script on every interaction', null, null]);
  });

  it('a function memoised with no argument runs once, whoever calls it', () => {
    assert.deepEqual(reasons(`from functools import lru_cache
from fastapi import FastAPI
app = FastAPI()

@lru_cache
def warm_up():
    return ${CALL}

@lru_cache(maxsize=128)
def classify(text):
    return ${CALL}

@app.post("/x")
def x(text: str):
    warm_up()
    return classify(text)
`), [null, 'called from x (route POST /x)']);
  });

  describe('LangGraph graphs', () => {
    const GRAPH = `${HEADER}from langgraph.graph import StateGraph, MessagesState, START
from langgraph.checkpoint.memory import MemorySaver
from app.prompts import system_prompt

def agent(state: MessagesState):
    return ${CALL}

def route(state: MessagesState):
    return ${CALL}

def helper_only(state):
    return ${CALL}

builder = StateGraph(MessagesState)
builder.add_node("agent", agent)
builder.add_conditional_edges("agent", route)
builder.add_edge(START, "agent")
graph = builder.compile(checkpointer=MemorySaver())

def main():
    graph.invoke({"messages": [("user", input())]})
`;

    it('reaches the nodes and routing functions of a graph a handler in another module runs', () => {
      const files = {
        'app/graph.py': GRAPH,
        'app/prompts.py': 'def system_prompt():\n    return "x"\n',
        'app/main.py': `from fastapi import FastAPI
from app.graph import graph
app = FastAPI()

@app.post("/chat")
async def chat(body: dict):
    async def events():
        async for e in graph.astream_events(body, version="v2"):
            yield e
    return events()
`,
      };
      assert.deepEqual(analyze(files, 'app/graph.py').callSites.map((c) => c.enclosingFunction?.requestPath ?? null), [
        'called from LangGraph graph (called from events in main.py (route POST /chat))',
        'called from LangGraph graph (called from events in main.py (route POST /chat))',
        null,
      ]);
    });

    it('follows a node into the helpers it calls in a third module', () => {
      const files = {
        'app/graph.py': `from langgraph.graph import StateGraph, MessagesState
from app.llm import reply

def agent(state: MessagesState):
    return {"messages": [reply(state["messages"])]}

builder = StateGraph(MessagesState)
builder.add_node(agent)
graph = builder.compile()
`,
        'app/llm.py': `${HEADER}
def reply(messages):
    return ${CALL}
`,
        'app/main.py': `from fastapi import FastAPI
from app.graph import graph
app = FastAPI()

@app.post("/chat")
def chat(body: dict):
    return graph.invoke(body)
`,
      };
      assert.deepEqual(analyze(files, 'app/llm.py').callSites.map((c) => c.enclosingFunction?.requestPath ?? null), [
        'called from agent in graph.py (called from LangGraph graph (called from chat in main.py (route POST /chat)))',
      ]);
    });

    it('a graph built by a module factory and run by a handler of the same module', () => {
      assert.deepEqual(reasons(`from fastapi import FastAPI
from langgraph.graph import StateGraph, MessagesState

def agent(state: MessagesState):
    return ${CALL}

def build_graph():
    builder = StateGraph(MessagesState)
    builder.add_node("agent", agent)
    compiled = builder.compile()
    return compiled

graph = build_graph()
app = FastAPI()

@app.post("/chat")
async def chat(body: dict):
    return await graph.ainvoke(body)
`), ['called from LangGraph graph (called from chat (route POST /chat))']);
    });

    it('leaves nodes alone when nothing served runs the graph, or the name run is not the compiled graph', () => {
      assert.deepEqual(reasons(`from fastapi import FastAPI
from langgraph.graph import StateGraph, MessagesState
from app.other import make

class Workflow:
    def add_node(self, name, fn): ...
    def compile(self): return self

def agent(state: MessagesState):
    return ${CALL}

def step(state):
    return ${CALL}

builder = StateGraph(MessagesState)
builder.add_node("agent", agent)
graph = builder.compile()

flow = Workflow()
flow.add_node("step", step)
pipeline = flow.compile()
app = FastAPI()

@app.post("/chat")
async def chat(body: dict):
    graph = make()
    await pipeline.ainvoke(body)
    return await graph.ainvoke(body)

if __name__ == "__main__":
    graph.invoke({"messages": []})
`), [null, null]);
    });

    it('graphs LangGraph Platform serves from langgraph.json, compiled or built by a factory', () => {
      const files = {
        'backend/src/my_agent/graph.py': `${HEADER}from langgraph.graph import StateGraph, MessagesState

def agent(state: MessagesState):
    return ${CALL}

def other(state: MessagesState):
    return ${CALL}

def make_graph():
    g = StateGraph(MessagesState)
    g.add_node("other", other)
    return g.compile()

builder = StateGraph(MessagesState)
builder.add_node("agent", agent)
graph = builder.compile()
`,
        'backend/langgraph.json': JSON.stringify({ dependencies: ['.'], graphs: { chat: './src/my_agent/graph.py:graph', side: 'my_agent.graph:make_graph' } }),
      };
      assert.deepEqual(analyze(files, 'backend/src/my_agent/graph.py').callSites.map((c) => c.enclosingFunction?.requestPath ?? null), [
        'called from LangGraph graph (LangGraph Platform graph "chat" (langgraph.json))',
        'called from make_graph (LangGraph Platform graph "side" (langgraph.json))',
      ]);
      const elsewhere = { ...files, 'backend/langgraph.json': JSON.stringify({ graphs: { chat: './src/other/graph.py:graph' } }) };
      assert.deepEqual(analyze(elsewhere, 'backend/src/my_agent/graph.py').callSites.map((c) => c.enclosingFunction?.requestPath ?? null), [null, null]);
    });
  });
});
