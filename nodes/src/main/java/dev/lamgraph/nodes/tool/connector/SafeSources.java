package dev.lamgraph.nodes.tool.connector;

import dev.lamgraph.nodes.tool.ToolException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.Proxy;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Bytes from the two places a node may take them from, under the same rules as the tools: a file
 * under a declared root (the {@code file} tool's walk through open directories: no {@code ..}, no
 * absolute path outside the root, no symbolic link out, no file with a second hard link) and an
 * allow-listed http(s) URL (the {@code http} tool's network: every hop checked against the
 * allow-list, no loopback, private, link-local or metadata address unless allowed, no proxy).
 * Failures are {@link ToolException}s with the tools' kinds ({@code refused}, {@code not_found},
 * {@code too_large}, {@code http_status}, {@code connect}, {@code timeout}).
 *
 * <pre>{@code
 * byte[] png = SafeSources.readFile(Path.of("data/scans"), "invoice-004.png", 5 << 20);
 * byte[] pdf = SafeSources.fetch("https://files.example.com/a.pdf", List.of("files.example.com"), false, 10 << 20, Duration.ofSeconds(30));
 * }</pre>
 */
public final class SafeSources {
  private static final int MAX_REDIRECTS = 5;

  private SafeSources() {}

  /** A file read under a root: its path relative to the root, its bytes. */
  record Read(String relative, byte[] bytes) {}

  /**
   * The bytes of {@code path} under {@code root} (an existing directory), at most {@code maxBytes}
   * (more is {@code too_large}).
   */
  public static byte[] readFile(Path root, String path, long maxBytes) throws ToolException {
    try {
      return read(Confinement.of(root), path, maxBytes).bytes();
    } catch (IOException e) {
      throw ToolException.of("not_found", "'" + path + "' cannot be read: " + e.getMessage());
    }
  }

  /** The file tool's read: walked through open directories, opened without following links. */
  static Read read(Confinement root, String path, long maxBytes) throws IOException, ToolException {
    try (ConfinedPath p = ConfinedPath.resolve(root, path, true, false)) {
      if (p.attrs == null) throw ToolException.of("not_found", "'" + path + "' does not exist under the tool's root");
      if (p.name == null || !p.attrs.isRegularFile()) throw ToolException.of("invalid_arguments", "'" + path + "' is not a file");
      p.requireSingleLink();
      byte[] bytes;
      long size;
      SeekableByteChannel ch;
      try {
        ch = p.parent().open(p.name, Set.of(StandardOpenOption.READ));
      } catch (IOException e) {
        throw p.openFailed(e);
      }
      try (ch) {
        p.requireUnchanged();
        size = ch.size();
        if (size > maxBytes) throw tooLarge(path, size, maxBytes);
        bytes = Channels.newInputStream(ch).readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
      }
      if (bytes.length > maxBytes) throw tooLarge(path, Math.max(size, bytes.length), maxBytes);
      return new Read(p.relative(), bytes);
    }
  }

  private static ToolException tooLarge(String what, long size, long max) {
    return ToolException.of(ToolException.TOO_LARGE, "'" + what + "' is " + size + " bytes; the limit is " + max);
  }

  /**
   * GETs {@code url} and returns the body, at most {@code maxBytes}. The host must be in
   * {@code allowHosts} (also after every redirect); addresses are checked as for an http tool.
   */
  public static byte[] fetch(String url, List<String> allowHosts, boolean allowPrivate, long maxBytes, Duration timeout)
      throws ToolException {
    HostAllowList allow = new HostAllowList(allowHosts);
    PinnedNetwork net = new PinnedNetwork("attachments", allowPrivate, PinnedNetwork.SYSTEM);
    OkHttpClient client = new OkHttpClient.Builder().followRedirects(false).followSslRedirects(false).proxy(Proxy.NO_PROXY)
        .dns(net.dns()).socketFactory(net.sockets()).connectTimeout(timeout).readTimeout(timeout).callTimeout(timeout).build();
    URI uri = uri(url);
    try {
      for (int hop = 0; ; hop++) {
        if (!allow.allows(uri)) {
          throw ToolException.refused((hop == 0 ? "" : "redirect to ") + "host '" + uri.getHost() + "' is not in allow_hosts"
              + (allowHosts.isEmpty() ? " (none declared)" : "; allowed: " + allow));
        }
        HttpUrl u = HttpUrl.parse(uri.toString());
        if (u == null) throw ToolException.of("invalid_arguments", "not a valid http(s) URL: " + where(uri));
        try (Response r = client.newCall(new Request.Builder().url(u).get().build()).execute()) {
          String location = r.header("location");
          if (r.code() >= 300 && r.code() < 400 && location != null) {
            if (hop >= MAX_REDIRECTS) throw ToolException.of("http_status", "too many redirects (more than " + MAX_REDIRECTS + ")");
            uri = uri(uri.resolve(location).toString());
            continue;
          }
          if (r.code() >= 400) throw ToolException.of("http_status", "HTTP " + r.code() + " from GET " + where(uri));
          long declared = r.body().contentLength();
          if (declared > maxBytes) throw tooLarge(where(uri), declared, maxBytes);
          byte[] bytes;
          try (InputStream in = r.body().byteStream()) {
            bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
          }
          if (bytes.length > maxBytes) throw tooLarge(where(uri), bytes.length, maxBytes);
          return bytes;
        }
      }
    } catch (InterruptedIOException e) {
      throw ToolException.of(ToolException.TIMEOUT, "GET " + where(uri) + " timed out after " + timeout.toMillis() + " ms");
    } catch (IOException e) {
      var refused = PinnedNetwork.refusal(e);
      if (refused.isPresent()) throw ToolException.refused(refused.get().getMessage().replace("tool 'attachments'", "attachments"));
      throw ToolException.of("connect", "GET " + where(uri) + " failed: " + (e.getMessage() == null ? e.getClass().getSimpleName()
          : e.getMessage()));
    } finally {
      client.connectionPool().evictAll();
    }
  }

  private static URI uri(String text) throws ToolException {
    try {
      return URI.create(text);
    } catch (IllegalArgumentException e) {
      throw ToolException.of("invalid_arguments", "not a valid URL: " + e.getMessage());
    }
  }

  /** Scheme, host and path only: queries may carry keys. */
  private static String where(URI u) {
    return u.getScheme() + "://" + u.getRawAuthority() + (u.getRawPath() == null ? "" : u.getRawPath());
  }
}
