// `openai/index`: the package's entry file imported by its path (continue's openai-adapters do so).
export * from 'openai';
export { default } from 'openai';
