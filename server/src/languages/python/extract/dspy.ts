// DSPy language models as call sites: `dspy.LM("openai/gpt-4o-mini", …)`. Every module of a program (`dspy.Predict`,
// `dspy.ChainOfThought`, a `dspy.Module`'s `forward`) sends through the LM given to `dspy.configure(lm=…)` or
// `dspy.context(lm=…)`, so, as for an agent, the construction is the site: its keywords are those of every request
// (catalog/agent-frameworks.ts DSPY_LM), and no one request is followed.
import type { LlmCallSite } from '../../../core/types';
import type { CallSiteEnv } from './call-sites';
import { frameworkClassCalls, frameworkConstructionSite } from './framework-constructions';
import { providerOfLitellmRoute } from './sdk';
import type { Node } from './syntax';

/** Where the package exports its LM class. */
const DSPY_LM_CLASS = /^dspy(\.clients(\.lm)?)?\.LM$/;

/** Cheap text test: a file that imports dspy. */
export const DSPY_MENTION = /^[ \t]*(?:from[ \t]+dspy\b|import[ \t]+dspy\b)/m;

/** Keywords that point the LM at another host than the provider's (LiteLLM reads both). */
const HOST_KEYS = ['api_base', 'base_url'];

/** Every `dspy.LM(…)` construction of the file, as a call site. */
export function dspyLmSitesIn(env: CallSiteEnv): LlmCallSite[] {
  const { file } = env;
  if (!DSPY_MENTION.test(file.text)) return [];
  // `dspy.LM(…)`, `LM(…)` after `from dspy import LM`, or an alias it is imported as.
  return frameworkClassCalls(file, ['LM'], DSPY_LM_CLASS).map(({ call, callee }) => lmSite(call, callee, env));
}

function lmSite(call: Node, callee: Node, env: CallSiteEnv): LlmCallSite {
  return frameworkConstructionSite(call, callee, env, 'model', (args, model) => ({
    // A host of the code's own choosing (a gateway, a local server) is not the provider the prefix names.
    provider: providerOfLitellmRoute(model.value, HOST_KEYS.some((k) => Object.hasOwn(args.options, k)) || args.hasSpread),
    sdk: 'dspy',
    method: 'dspy.LM',
    // Callbacks given to the LM run around each of its requests and may trace them.
    ...(Object.hasOwn(args.options, 'callbacks') ? { callbacksMayTrace: true as const } : {}),
  }));
}
