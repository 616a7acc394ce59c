/**
 * The studio at {@code GET /}: a single page (plain HTML/JS/CSS from the jar, Mermaid bundled) that
 * lists workflows and threads, draws a run live on its diagram, and answers, forks, cancels and
 * resumes runs; {@link dev.lamgraph.server.studio.StudioRoutes} serves it and the JSON it reads.
 */
package dev.lamgraph.server.studio;
