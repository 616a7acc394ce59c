package dev.lamgraph.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Raw HTTP/1.1 over a socket, for attacks: {@code Host}, {@code Origin} and chunked bodies exactly as sent. */
final class RawHttp {
  private RawHttp() {}

  /** One HTTP/1.1 exchange on a fresh connection ({@code Connection: close}); the raw answer. */
  record Raw(int status, String text) {}

  static Raw raw(TestServer s, String method, String path, Map<String, String> headers, String body, boolean chunked) {
    try (Socket socket = new Socket("127.0.0.1", s.server.port())) {
      socket.setSoTimeout(15_000);
      StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
      if (!headers.containsKey("Host")) head.append("Host: 127.0.0.1:").append(s.server.port()).append("\r\n");
      headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
      byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
      if (chunked) head.append("Transfer-Encoding: chunked\r\n");
      else if (body != null) head.append("Content-Length: ").append(bytes.length).append("\r\n");
      head.append("Connection: close\r\n\r\n");
      OutputStream out = socket.getOutputStream();
      out.write(head.toString().getBytes(StandardCharsets.UTF_8));
      try {
        writeBody(out, bytes, chunked);
      } catch (java.net.SocketException closed) {
        // the server answered (413) and closed before the whole body was sent: read its answer
      }
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      try {
        in.transferTo(all);
      } catch (java.net.SocketException reset) {
        // the server may close while the rest of a refused body is still being sent
      }
      String text = all.toString(StandardCharsets.UTF_8);
      return new Raw(Integer.parseInt(text.substring(9, 12)), text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void writeBody(OutputStream out, byte[] bytes, boolean chunked) throws IOException {
    if (chunked) {
      for (int i = 0; i < bytes.length; i += 1000) {
        int n = Math.min(1000, bytes.length - i);
        out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(bytes, i, n);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
      }
      out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    } else {
      out.write(bytes);
    }
    out.flush();
  }

}
