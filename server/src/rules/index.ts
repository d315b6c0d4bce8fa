// Every rule, in alphabetical order. meta tests assert this list matches the directory.
import type { AnyRule } from '../core/rule';
import anthropicNonstreamingLongOutput from './anthropic-nonstreaming-long-output';
import deprecatedGenaiAttributes from './deprecated-genai-attributes';
import directProviderEndpoint from './direct-provider-endpoint';
import gatewayWithoutFallback from './gateway-without-fallback';
import hardcodedApiKey from './hardcoded-api-key';
import hardcodedModel from './hardcoded-model';
import missingTimeout from './missing-timeout';
import naiveRetryLoop from './naive-retry-loop';
import prefixBelowCacheMinimum from './prefix-below-cache-minimum';
import promptLoadedPerRequest from './prompt-loaded-per-request';
import retriedTimeouts from './retried-timeouts';
import retryAmplification from './retry-amplification';
import sseBufferedByProxy from './sse-buffered-by-proxy';
import streamWithoutUsage from './stream-without-usage';
import timeoutInversion from './timeout-inversion';
import unboundedHistory from './unbounded-history';
import uncachedStaticPrefix from './uncached-static-prefix';
import unstableToolOrder from './unstable-tool-order';
import untracedLlmCall from './untraced-llm-call';
import untracedMcpCall from './untraced-mcp-call';
import usageDiscarded from './usage-discarded';
import volatilePromptPrefix from './volatile-prompt-prefix';

export const rules: AnyRule[] = [
  anthropicNonstreamingLongOutput,
  deprecatedGenaiAttributes,
  directProviderEndpoint,
  gatewayWithoutFallback,
  hardcodedApiKey,
  hardcodedModel,
  missingTimeout,
  naiveRetryLoop,
  prefixBelowCacheMinimum,
  promptLoadedPerRequest,
  retriedTimeouts,
  retryAmplification,
  sseBufferedByProxy,
  streamWithoutUsage,
  timeoutInversion,
  unboundedHistory,
  uncachedStaticPrefix,
  unstableToolOrder,
  untracedLlmCall,
  untracedMcpCall,
  usageDiscarded,
  volatilePromptPrefix,
];
