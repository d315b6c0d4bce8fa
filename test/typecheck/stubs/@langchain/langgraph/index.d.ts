// Minimal, hand-written type stub of `@langchain/langgraph`.
import type { BaseMessage } from '@langchain/core/messages';

export declare abstract class BaseCheckpointSaver {}

export declare class MemorySaver extends BaseCheckpointSaver {
  constructor();
}

export interface MessagesState {
  messages: BaseMessage[];
}

export interface CompiledGraph<S = MessagesState> {
  invoke(input: Partial<S> | Record<string, unknown>, config?: { configurable?: Record<string, unknown> }): Promise<S>;
}

export declare const START: '__start__';
export declare const END: '__end__';

/** A channel of a graph's state; `reducer` merges what a node returns into it. */
export interface AnnotationChannel<T> {
  readonly __value?: T;
}

export type StateOf<Spec> = { [K in keyof Spec]: Spec[K] extends AnnotationChannel<infer T> ? T : never };

export interface AnnotationRoot<Spec> {
  spec: Spec;
  State: StateOf<Spec>;
  Update: Partial<StateOf<Spec>>;
}

export declare const Annotation: {
  <T>(options?: { reducer: (left: T, right: T) => T; default?: () => T }): AnnotationChannel<T>;
  Root<Spec extends Record<string, AnnotationChannel<unknown>>>(spec: Spec): AnnotationRoot<Spec>;
};

export declare function messagesStateReducer(left: BaseMessage[], right: BaseMessage[]): BaseMessage[];

export declare const MessagesAnnotation: AnnotationRoot<{ messages: AnnotationChannel<BaseMessage[]> }>;

export declare class StateGraph<Spec> {
  constructor(schema: AnnotationRoot<Spec>);
  addNode(name: string, action: (state: StateOf<Spec>) => Partial<StateOf<Spec>> | Promise<Partial<StateOf<Spec>>>): this;
  addEdge(from: string, to: string): this;
  compile(options?: { checkpointer?: BaseCheckpointSaver }): CompiledGraph<StateOf<Spec>>;
}
