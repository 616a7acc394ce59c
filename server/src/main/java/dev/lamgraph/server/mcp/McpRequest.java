package dev.lamgraph.server.mcp;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The request {@link McpRoutes} hands to the MCP SDK's servlet. Its body (a POST's) was read by
 * Javalin already, so the server's body limit holds for a chunked body too (the servlet reads a
 * body to its end, whatever its size). And it tells when the servlet ends an asynchronous answer:
 * its {@code complete()} (or the container's timeout or error) opens {@link #awaitCompletion}.
 */
final class McpRequest extends HttpServletRequestWrapper {
  private final byte[] body;
  private final CountDownLatch done = new CountDownLatch(1);
  private volatile AsyncContext tracked;

  /** {@code body}: the request's body, read already; null to let the servlet read the request itself. */
  McpRequest(HttpServletRequest req, byte[] body) {
    super(req);
    this.body = body;
  }

  /** Waits until the servlet completes the asynchronous answer, or the container ends it. */
  void awaitCompletion() throws InterruptedException {
    while (!done.await(1, TimeUnit.SECONDS)) {
      // the stream is open; the servlet writes to it from the server's threads
    }
  }

  @Override
  public AsyncContext startAsync() {
    return tracked(super.startAsync());
  }

  @Override
  public AsyncContext startAsync(ServletRequest request, ServletResponse response) {
    return tracked(super.startAsync(request, response));
  }

  @Override
  public AsyncContext getAsyncContext() {
    AsyncContext t = tracked;
    return t != null ? t : super.getAsyncContext();
  }

  private AsyncContext tracked(AsyncContext async) {
    async.addListener(new AsyncListener() {
      @Override public void onComplete(AsyncEvent e) { done.countDown(); }
      @Override public void onTimeout(AsyncEvent e) { done.countDown(); }
      @Override public void onError(AsyncEvent e) { done.countDown(); }
      @Override public void onStartAsync(AsyncEvent e) {}
    });
    tracked = new AsyncContext() {
      @Override public ServletRequest getRequest() { return async.getRequest(); }
      @Override public ServletResponse getResponse() { return async.getResponse(); }
      @Override public boolean hasOriginalRequestAndResponse() { return async.hasOriginalRequestAndResponse(); }
      @Override public void dispatch() { async.dispatch(); }
      @Override public void dispatch(String path) { async.dispatch(path); }
      @Override public void dispatch(ServletContext context, String path) { async.dispatch(context, path); }
      @Override public void addListener(AsyncListener listener) { async.addListener(listener); }
      @Override public void addListener(AsyncListener listener, ServletRequest req, ServletResponse res) {
        async.addListener(listener, req, res);
      }
      @Override public <T extends AsyncListener> T createListener(Class<T> type) throws ServletException {
        return async.createListener(type);
      }
      @Override public void setTimeout(long timeout) { async.setTimeout(timeout); }
      @Override public long getTimeout() { return async.getTimeout(); }
      @Override public void start(Runnable run) { async.start(run); }

      @Override
      public void complete() {
        try {
          async.complete();
        } finally {
          done.countDown();
        }
      }
    };
    return tracked;
  }

  @Override
  public ServletInputStream getInputStream() throws IOException {
    if (body == null) return super.getInputStream();
    ByteArrayInputStream in = new ByteArrayInputStream(body);
    return new ServletInputStream() {
      @Override public int read() { return in.read(); }
      @Override public int read(byte[] b, int off, int len) { return in.read(b, off, len); }
      @Override public boolean isFinished() { return in.available() == 0; }
      @Override public boolean isReady() { return true; }
      @Override public void setReadListener(ReadListener listener) {
        throw new UnsupportedOperationException("the body was read already");
      }
    };
  }

  @Override
  public BufferedReader getReader() throws IOException {
    if (body == null) return super.getReader();
    Charset charset = StandardCharsets.UTF_8;
    try {
      if (getCharacterEncoding() != null) charset = Charset.forName(getCharacterEncoding());
    } catch (IllegalArgumentException unknown) {
      // UTF-8, as JSON is
    }
    return new BufferedReader(new InputStreamReader(getInputStream(), charset));
  }

  @Override
  public int getContentLength() {
    return body == null ? super.getContentLength() : body.length;
  }

  @Override
  public long getContentLengthLong() {
    return body == null ? super.getContentLengthLong() : body.length;
  }
}
