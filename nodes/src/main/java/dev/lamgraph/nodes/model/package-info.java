/**
 * Chat models: the {@code models:} section ({@link dev.lamgraph.nodes.model.ModelsSection}), the
 * provider-neutral request/response records nodes use, the providers behind them (langchain4j's
 * OpenAI, Ollama, Anthropic and Gemini clients), retries with backoff, {@code model_call} trace
 * events, and recording/replaying model calls ({@link dev.lamgraph.nodes.model.ModelRecording}).
 */
package dev.lamgraph.nodes.model;
