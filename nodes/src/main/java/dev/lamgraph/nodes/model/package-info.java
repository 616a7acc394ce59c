/**
 * Chat models: the {@code models:} section ({@link dev.lamgraph.nodes.model.ModelsSection}), the
 * provider-neutral request/response records nodes use, the provider SPI
 * ({@link dev.lamgraph.nodes.model.ModelProvider}, found with ServiceLoader; the shipped providers
 * are in {@code model.provider}), retries with backoff, {@code model_call} trace
 * events, and recording/replaying model calls ({@link dev.lamgraph.nodes.model.ModelRecording}).
 */
package dev.lamgraph.nodes.model;
