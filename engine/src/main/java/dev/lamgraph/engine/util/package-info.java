/**
 * Small helpers every other package uses: JSON encoding of state and events ({@link
 * dev.lamgraph.engine.util.Json}), durations as written in YAML ({@link
 * dev.lamgraph.engine.util.Durations}) and {@code ${env:NAME}} references whose secret values
 * are handed to the caller's redactor ({@link dev.lamgraph.engine.util.EnvRefs}), and the {@link
 * dev.lamgraph.engine.util.Redactor} that masks a session's secrets on the way out (one per
 * session: a CLI command, a served workflow; never process-wide). Uses no other package of the
 * engine.
 */
package dev.lamgraph.engine.util;
