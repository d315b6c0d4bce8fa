// smolagents' API model objects as call sites: `LiteLLMModel(model_id=…)`, `OpenAIServerModel(…)`,
// `AzureOpenAIServerModel(…)`, `InferenceClientModel(…)` / `HfApiModel(…)`. Every agent given the model
// (`CodeAgent(tools=[…], model=model)` then `agent.run(…)`) and every direct call (`model(messages)`,
// `model.generate(messages)`) sends through it, so, as for a DSPy LM, the construction is the site: its keywords are
// those of every request (catalog/agent-frameworks.ts SMOLAGENTS_MODELS). Local models (`TransformersModel`,
// `MLXModel`, `VLLMModel`) send no request and are no site; a model built by a class of the workspace is not followed.
import { providerBehindBaseUrl } from '../../../core/catalog/providers';
import type { SMOLAGENTS_MODELS } from '../../../core/catalog/agent-frameworks';
import type { LlmCallSite, Provider } from '../../../core/types';
import type { CallSiteEnv } from './call-sites';
import { frameworkClassCalls, frameworkConstructionSite } from './framework-constructions';
import { providerOfLitellmRoute } from './sdk';
import type { Node } from './syntax';

type ModelClass = keyof typeof SMOLAGENTS_MODELS;

/** The API model classes by the names the package exports them under (`HfApiModel`: InferenceClientModel before 1.14). */
const MODEL_CLASSES: Readonly<Record<string, ModelClass>> = {
  LiteLLMModel: 'LiteLLMModel',
  OpenAIServerModel: 'OpenAIServerModel',
  OpenAIModel: 'OpenAIServerModel',
  AzureOpenAIServerModel: 'AzureOpenAIServerModel',
  AzureOpenAIModel: 'AzureOpenAIServerModel',
  InferenceClientModel: 'InferenceClientModel',
  HfApiModel: 'InferenceClientModel',
};

/** Cheap text test: a file that imports smolagents. */
export const SMOLAGENTS_MENTION = /^[ \t]*(?:from[ \t]+smolagents\b|import[ \t]+smolagents\b)/m;

const QUALIFIED = /^smolagents(?:\.models)?\.(\w+)$/;

/** Every construction of one of smolagents' API model classes in the file, as a call site. */
export function smolagentsModelSitesIn(env: CallSiteEnv): LlmCallSite[] {
  const { file } = env;
  if (!SMOLAGENTS_MENTION.test(file.text)) return [];
  const out: LlmCallSite[] = [];
  for (const { call, callee, qualified } of frameworkClassCalls(file, Object.keys(MODEL_CLASSES), QUALIFIED)) {
    const cls = QUALIFIED.exec(qualified)![1];
    if (Object.hasOwn(MODEL_CLASSES, cls)) out.push(modelSite(call, callee, MODEL_CLASSES[cls], env));
  }
  return out;
}

function modelSite(call: Node, callee: Node, cls: ModelClass, env: CallSiteEnv): LlmCallSite {
  // Whether a run streams (`stream_outputs=True`, `agent.run(…, stream=True)`) is the agent's and the run's.
  return frameworkConstructionSite(call, callee, env, 'model_id', (args, model) => ({ provider: providerOf(cls, model.value, args), sdk: 'smolagents', method: `smolagents.${cls}` }));
}

/**
 * Where the requests go: LiteLLM's prefix (`anthropic/…`) unless `api_base` points elsewhere (providerOfLitellmRoute); the openai client's base
 * URL for OpenAIServerModel; the Azure deployment; Hugging Face's Inference Providers are no provider of the catalogue.
 */
function providerOf(cls: ModelClass, model: string | null, args: LlmCallSite['args']): Provider {
  if (cls === 'AzureOpenAIServerModel') return 'azure-openai';
  if (cls === 'InferenceClientModel') return 'unknown';
  if (cls === 'OpenAIServerModel') return args.hasSpread ? 'unknown' : providerBehindBaseUrl('openai', 'openai', args.options.api_base?.value);
  return providerOfLitellmRoute(model, args.hasSpread || Object.hasOwn(args.options, 'api_base') || Object.hasOwn(args.options, 'base_url'));
}
