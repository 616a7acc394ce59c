/**
 * The model providers lamgraph ships, each a {@link dev.lamgraph.nodes.model.ModelProvider} listed
 * in {@code META-INF/services/dev.lamgraph.nodes.model.ModelProvider}: OpenAI (and any
 * OpenAI-compatible server), Anthropic, Gemini and Ollama through langchain4j
 * ({@link dev.lamgraph.nodes.model.provider.Lc4jProvider}), and replay (answers from a recorded file).
 */
package dev.lamgraph.nodes.model.provider;
