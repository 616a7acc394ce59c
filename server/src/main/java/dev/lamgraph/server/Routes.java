package dev.lamgraph.server;

import dev.lamgraph.server.api.AssistantRoutes;
import dev.lamgraph.server.api.SystemRoutes;
import dev.lamgraph.server.studio.StudioRoutes;
import java.util.List;

/** The route groups {@code lam serve} registers: add a group here to serve it. */
public final class Routes {
  private Routes() {}

  public static List<ServerRoutes> standard(String version) {
    return List.of(new SystemRoutes(version), new AssistantRoutes(),
        new StudioRoutes());
  }
}
