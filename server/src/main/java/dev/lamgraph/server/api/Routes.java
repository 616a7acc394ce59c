package dev.lamgraph.server.api;

import dev.lamgraph.server.ServerRoutes;
import dev.lamgraph.server.mcp.McpRoutes;
import dev.lamgraph.server.studio.StudioRoutes;
import java.util.List;

/** The route groups {@code lam serve} registers: add a group here to serve it. */
public final class Routes {
  private Routes() {}

  public static List<ServerRoutes> standard(String version) {
    return List.of(new SystemRoutes(version), new AssistantRoutes(), new ThreadRoutes(), new StateRoutes(), new RunRoutes(), new CronRoutes(), new StoreRoutes(),
        new McpRoutes(version), new StudioRoutes(), new dev.lamgraph.server.a2a.A2aRoutes());
  }
}
