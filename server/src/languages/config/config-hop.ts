import type { Hop, Span } from '../../core/types';
import type { YPath } from './yaml-ast';

/** Where in its file a hop's settings live, so fixes can edit them without guessing. Plain data. */
export type HopTarget =
  | {
      format: 'yaml';
      /** Index of the YAML document in the stream. */
      doc: number;
      /** Path from the document root to the mapping holding the hop's route settings. */
      route: YPath;
      /** The route was reached through an alias or merge key: editing it would change other users of the anchor. */
      shared?: boolean;
    }
  | {
      format: 'nginx';
      /** Start offset of the `location` directive's name in the hop's file. */
      location: number;
      /**
       * Directives an `include` in the location itself sets (`include proxy.conf;`): writing one of them into the
       * location again would make nginx refuse the configuration as a duplicate.
       */
      setByInclude?: string[];
    };

/**
 * The Kubernetes resource a hop was read from, and which of its routes. Two hops of one resource never stack: sibling
 * routes are alternatives (a request takes the first that matches), and two documents declaring the same resource
 * (a Kustomize base and the overlay patching it, or one copy per environment) describe one proxy.
 */
export interface HopResource {
  kind: string;
  name: string;
  /** Unset when the document does not say (a Kustomize overlay or `kubectl -n` sets it). */
  namespace?: string;
  /** The route's name, else its position (`http[1]`). */
  route: string;
}

/** A controller-wide setting and where it is written: `source` names the resource ("ConfigMap x in deploy/x.yaml"). */
export interface ControllerSettingRef {
  value: string;
  path: string;
  span: Span;
  source: string;
}

/** A hop as the config front ends produce it: the engine's `Hop` plus where to edit it and extra notes. */
export interface ConfigHop extends Hop {
  target?: HopTarget;
  resource?: HopResource;
  /** Facts worth showing with the hop (outlier detection, per-try timeouts, per-model LiteLLM timeouts). */
  notes?: string[];
  /** The proxy keeps the request open only between reads (nginx read timeout), not for the whole response. */
  idleTimeout?: boolean;
  /** Per-model timeouts of a LiteLLM config: model name → seconds. */
  modelTimeouts?: Record<string, number>;
  /**
   * LiteLLM: every chat deployment of the model list with its own `litellm_params.timeout` (or `request_timeout`) and
   * `stream_timeout`, null where unset. A deployment's timeout takes precedence over the router's.
   */
  deploymentTimeouts?: Array<{ group: string; seconds: number | null; streamSeconds: number | null }>;
  /** LiteLLM `router_settings.stream_timeout`: how long a streaming call waits for its first chunk. */
  streamTimeout?: number;
  /** LiteLLM: the most model groups one request may fall back through after its own group fails (0 without fallbacks). */
  fallbackDepth?: number;
  /** Span of the send timeout when it is set in the hop's own file (nginx, ingress annotations). */
  sendTimeoutSpan?: Span;
  /**
   * ingress-nginx: the controller's `retry-non-idempotent` (ConfigMap or Helm `controller.config`, possibly in another
   * file) put `non_idempotent` into this Ingress's retry conditions; no annotation of the Ingress can take it out.
   */
  controllerNonIdempotent?: ControllerSettingRef;
  /**
   * A per-attempt timeout set outside the route (an Envoy Gateway BackendTrafficPolicy's `retry.perRetry.timeout`): it
   * keeps cutting each attempt whatever the route's own timeouts say, so no edit of the route raises it.
   */
  perTryTimeoutElsewhere?: { seconds: number; where: string };
}

/** The edit target of a hop produced by the config front ends, if any. */
export function hopTarget(hop: Hop): HopTarget | undefined {
  return (hop as ConfigHop).target;
}

/** The resource and route a hop was read from, when the config front ends know it. */
export function hopResource(hop: Hop): HopResource | undefined {
  return (hop as ConfigHop).resource;
}

/** Notes attached to a hop by the config front ends. */
export function hopNotes(hop: Hop): string[] {
  return (hop as ConfigHop).notes ?? [];
}
