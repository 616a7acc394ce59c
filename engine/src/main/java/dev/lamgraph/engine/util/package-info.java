/**
 * Small helpers every other package uses: JSON encoding of state and events ({@link
 * dev.lamgraph.engine.util.Json}), durations as written in YAML ({@link
 * dev.lamgraph.engine.util.Durations}) and {@code ${env:NAME}} references whose values are
 * registered as secrets ({@link dev.lamgraph.engine.util.EnvRefs}).
 */
package dev.lamgraph.engine.util;
