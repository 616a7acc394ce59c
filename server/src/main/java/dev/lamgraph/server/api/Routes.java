package dev.lamgraph.server.api;

import dev.lamgraph.server.ServerRoutes;
import java.util.List;

/** The route groups {@code lam serve} registers: add a group here to serve it. */
public final class Routes {
  private Routes() {}

  public static List<ServerRoutes> standard(String version) {
    return List.of(new SystemRoutes(version), new AssistantRoutes(), new ThreadRoutes(), new StateRoutes(), new RunRoutes(),
        new dev.lamgraph.server.mcp.McpRoutes(version));
  }
}
