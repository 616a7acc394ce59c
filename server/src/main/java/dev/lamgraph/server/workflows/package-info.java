/** The workflows a server serves: found under its paths, compiled, reloaded when their files change. */
package dev.lamgraph.server.workflows;
