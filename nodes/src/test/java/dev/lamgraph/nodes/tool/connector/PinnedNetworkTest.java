package dev.lamgraph.nodes.tool.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import javax.net.SocketFactory;
import org.junit.jupiter.api.Test;

/** The socket factory's connecting forms hold the same address rules as the unconnected one OkHttp uses. */
class PinnedNetworkTest {
  private static final PinnedNetwork.Resolver TO_LOOPBACK = host -> List.of(InetAddress.getLoopbackAddress());

  @Test
  void everyConnectingFormRefusesALoopbackAddressWithoutAllowPrivate() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      SocketFactory f = new PinnedNetwork("t", false, TO_LOOPBACK).sockets();
      int port = server.getLocalPort();
      InetAddress lo = InetAddress.getLoopbackAddress();
      assertThatThrownBy(() -> f.createSocket("api.example", port)).isInstanceOf(PinnedNetwork.Refused.class);
      assertThatThrownBy(() -> f.createSocket("api.example", port, null, 0)).isInstanceOf(PinnedNetwork.Refused.class);
      assertThatThrownBy(() -> f.createSocket(lo, port)).isInstanceOf(PinnedNetwork.Refused.class);
      assertThatThrownBy(() -> f.createSocket(lo, port, null, 0)).isInstanceOf(PinnedNetwork.Refused.class)
          .hasMessageContaining("loopback");
    }
  }

  @Test
  void withAllowPrivateTheConnectingFormsConnect() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      SocketFactory f = new PinnedNetwork("t", true, TO_LOOPBACK).sockets();
      try (Socket a = f.createSocket("api.example", server.getLocalPort());
          Socket b = f.createSocket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
        assertThat(a.isConnected()).isTrue();
        assertThat(b.getInetAddress()).isEqualTo(InetAddress.getLoopbackAddress());
      }
    }
  }
}
