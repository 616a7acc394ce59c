/**
 * Small helpers every other package uses: JSON encoding of state and events ({@link
 * dev.lamgraph.engine.util.Json}), durations as written in YAML ({@link
 * dev.lamgraph.engine.util.Durations}) and {@code ${env:NAME}} references resolved against
 * an injected environment, their values handed to a secrets sink ({@link dev.lamgraph.engine.util.EnvRefs}).
 */
package dev.lamgraph.engine.util;
