package dev.lamgraph.mcpserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelcontextprotocol.server.transport.ServerTransportSecurityException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Host and Origin must name an allowed host, whatever the port. */
class HostGuardTest {
  private final HostGuard guard = new HostGuard(Set.of("127.0.0.1", "localhost", "::1"));

  @Test
  void allowedNamesPassWithAnyPortAndWithoutOrigin() {
    for (String host : List.of("127.0.0.1:8123", "LOCALHOST:1", "localhost", "[::1]:2024")) {
      assertThatCode(() -> guard.validateHeaders(Map.of("Host", List.of(host)))).as(host).doesNotThrowAnyException();
    }
    assertThatCode(() -> guard.validateHeaders(Map.of("host", List.of("localhost:3"), "origin", List.of("http://localhost:5173"))))
        .doesNotThrowAnyException();
  }

  @Test
  void otherHostsAndOriginsAreRefusedWith403() {
    assertThatThrownBy(() -> guard.validateHeaders(Map.of("Host", List.of("evil.example:8123"))))
        .isInstanceOf(ServerTransportSecurityException.class).hasMessageContaining("Host evil.example:8123")
        .satisfies(e -> assertThat(((ServerTransportSecurityException) e).getStatusCode()).isEqualTo(403));
    assertThatThrownBy(() -> guard.validateHeaders(Map.of("Host", List.of("localhost"), "Origin", List.of("http://evil.example"))))
        .hasMessageContaining("Origin http://evil.example");
    assertThatThrownBy(() -> guard.validateHeaders(Map.of())).hasMessageContaining("Host null");
    assertThat(HostGuard.hostname("[::1]:80")).isEqualTo("::1");
    assertThat(HostGuard.hostname("::1")).isEqualTo("::1");
  }
}
