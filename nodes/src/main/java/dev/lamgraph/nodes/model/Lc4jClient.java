package dev.lamgraph.nodes.model;

import dev.lamgraph.engine.util.Redactor;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.PdfFileContent;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * A real provider through langchain4j: converts the neutral request to a {@link ChatRequest}
 * (tools as tool specifications, the response schema as the provider's JSON response format) and
 * maps failures to {@link ModelException} kinds. The langchain4j client is built on first use.
 *
 * <pre>{@code
 * ChatClient c = new Lc4jClient(config, "http://127.0.0.1:8080/v1", () -> OpenAiChatModel.builder()...build(), secrets);
 * }</pre>
 *
 * Providers built on a langchain4j model extend {@link dev.lamgraph.nodes.model.provider.Lc4jProvider}.
 */
public final class Lc4jClient implements ChatClient {
  private final ModelConfig config;
  private final String where;
  private final Supplier<ChatModel> factory;
  private final Redactor secrets;
  private final Supplier<StreamingChatModel> streamingFactory;
  private volatile ChatModel model;
  private volatile java.util.Optional<StreamingChatModel> streamingModel;

  /**
   * @param baseUrl the resolved server URL, named in messages (null: the provider's default)
   * @param factory builds the langchain4j model on the first request
   * @param secrets the compile's redactor ({@link ModelSetup#secrets()}), which masks the provider's error texts
   */
  public Lc4jClient(ModelConfig config, String baseUrl, Supplier<ChatModel> factory, Redactor secrets) {
    this(config, baseUrl, factory, null, secrets);
  }

  /**
   * A client that can also stream ({@link #stream}) through {@code streamingFactory}'s model, built
   * on the first streamed request; a null factory, or one that gives null, means the whole answer
   * is given as one piece.
   */
  public Lc4jClient(ModelConfig config, String baseUrl, Supplier<ChatModel> factory,
      Supplier<StreamingChatModel> streamingFactory, Redactor secrets) {
    this.streamingFactory = streamingFactory;
    this.config = config;
    this.secrets = secrets;
    this.where = config.describe() + (baseUrl == null ? "" : " at " + baseUrl);
    this.factory = factory;
  }

  private ChatModel model() {
    ChatModel m = model;
    if (m == null) {
      synchronized (this) {
        if (model == null) model = factory.get();
        m = model;
      }
    }
    return m;
  }

  private java.util.Optional<StreamingChatModel> streamingModel() {
    java.util.Optional<StreamingChatModel> m = streamingModel;
    if (m == null) {
      synchronized (this) {
        if (streamingModel == null) streamingModel = java.util.Optional.ofNullable(streamingFactory.get());
        m = streamingModel;
      }
    }
    return m;
  }

  @Override
  public ModelResponse chat(ModelRequest request) throws ModelException {
    ChatResponse r;
    try {
      r = model().chat(request(request));
    } catch (RuntimeException e) {
      throw failure(e);
    }
    return response(r);
  }

  /** Streams through the provider's streaming model when it has one ({@link Lc4jStream}); the same answer as {@link #chat}. */
  @Override
  public ModelResponse stream(ModelRequest request, java.util.function.Consumer<String> tokens) throws ModelException {
    if (streamingFactory == null) return ChatClient.super.stream(request, tokens);
    java.util.Optional<StreamingChatModel> m;
    try {
      m = streamingModel();
    } catch (RuntimeException e) {
      throw failure(e);
    }
    if (m.isEmpty()) return ChatClient.super.stream(request, tokens);
    return Lc4jStream.run(this, m.get(), request, tokens, secrets, config.timeout());
  }

  static ChatRequest request(ModelRequest request) {
    ChatRequest.Builder b = ChatRequest.builder().messages(messages(request.messages()));
    if (!request.tools().isEmpty()) b.toolSpecifications(tools(request.tools()));
    if (request.responseSchema() != null) b.responseFormat(format(request));
    return b.build();
  }

  static ModelResponse response(ChatResponse r) {
    AiMessage ai = r.aiMessage();
    List<ModelMessage.ToolCall> calls = new ArrayList<>();
    if (ai != null && ai.hasToolExecutionRequests()) {
      int i = 0;
      for (ToolExecutionRequest t : ai.toolExecutionRequests()) {
        String id = t.id() == null || t.id().isBlank() ? "call_" + i : t.id();
        calls.add(new ModelMessage.ToolCall(id, t.name(), t.arguments() == null ? "{}" : t.arguments()));
        i++;
      }
    }
    TokenUsage u = r.tokenUsage();
    return new ModelResponse(ai == null ? null : ai.text(), calls, count(u == null ? null : u.inputTokenCount()),
        count(u == null ? null : u.outputTokenCount()), r.finishReason() == null ? null : r.finishReason().name().toLowerCase());
  }

  private static long count(Integer n) {
    return n == null ? 0 : n;
  }

  private static ResponseFormat format(ModelRequest request) {
    if (!SchemaElements.isObject(request.responseSchema())) return ResponseFormat.JSON; // JSON mode without a schema
    return ResponseFormat.builder().type(ResponseFormatType.JSON).jsonSchema(JsonSchema.builder().name("output")
        .rootElement(SchemaElements.object(request.responseSchema())).build()).build();
  }

  static List<ChatMessage> messages(List<ModelMessage> in) {
    List<ChatMessage> out = new ArrayList<>();
    for (ModelMessage m : in) {
      out.add(switch (m.role()) {
        case "system" -> SystemMessage.from(m.text());
        case "assistant" -> m.toolCalls().isEmpty() ? AiMessage.from(m.text()) : AiMessage.from(m.text(),
            m.toolCalls().stream().map(c -> ToolExecutionRequest.builder().id(c.id()).name(c.name()).arguments(c.arguments())
                .build()).toList());
        case "tool" -> ToolExecutionResultMessage.from(m.toolCallId(), m.toolName(), m.text());
        default -> m.attachments().isEmpty() ? UserMessage.from(m.text()) : UserMessage.from(parts(m));
      });
    }
    return out;
  }

  /** The text, then each attachment as langchain4j content: the provider's client writes its own wire format. */
  private static List<Content> parts(ModelMessage m) {
    List<Content> out = new ArrayList<>();
    if (m.text() != null && !m.text().isEmpty()) out.add(TextContent.from(m.text()));
    for (Attachment a : m.attachments()) {
      out.add(Attachment.IMAGE.equals(a.kind()) ? ImageContent.from(a.base64(), a.mimeType())
          : PdfFileContent.from(a.base64(), a.mimeType()));
    }
    return out;
  }

  static List<ToolSpecification> tools(List<ToolSpec> in) {
    return in.stream().map(t -> ToolSpecification.builder().name(t.name()).description(t.description())
        .parameters(SchemaElements.object(t.parameters())).build()).toList();
  }

  /** One clear line per failure kind; the provider's own text is clipped and redacted. */
  ModelException failure(Throwable e) {
    Integer status = null;
    for (Throwable t = e; t != null && status == null; t = t.getCause()) {
      if (t instanceof HttpException h) status = h.statusCode();
    }
    String detail = clip(secrets.redact(rootMessage(e)));
    if (e instanceof RateLimitException || Integer.valueOf(429).equals(status)) {
      return new ModelException(ModelException.RATE_LIMITED, where + ": rate limited (HTTP 429): " + detail, e);
    }
    if (e instanceof InternalServerException || (status != null && status >= 500)) {
      return new ModelException(ModelException.SERVER_ERROR, where + ": server error (HTTP " + status + "): " + detail, e);
    }
    if (e instanceof AuthenticationException || (status != null && (status == 401 || status == 403))) {
      return new ModelException(ModelException.AUTH, where + ": the key was refused (HTTP " + status + "); check "
          + (config.apiKey() == null ? "the server's access rules" : config.apiKey()), e);
    }
    if (isTimeout(e) || Integer.valueOf(408).equals(status)) {
      return new ModelException(ModelException.TIMEOUT, where + ": no answer within " + config.timeout().toMillis()
          + " ms; raise the model's `timeout:` if the model is just slow", e);
    }
    if (status != null) {
      return new ModelException(ModelException.INVALID_REQUEST, where + ": request refused (HTTP " + status + "): " + detail, e);
    }
    return new ModelException(ModelException.BAD_RESPONSE, where + ": no usable answer: " + detail, e);
  }

  private static boolean isTimeout(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof TimeoutException || t instanceof HttpTimeoutException
          || t instanceof SocketTimeoutException) {
        return true;
      }
    }
    return false;
  }

  /** A stream stopped by an interrupt (the node's timeout, or the run cancelled). */
  ModelException interrupted() {
    return new ModelException(ModelException.TIMEOUT, where + ": interrupted while streaming the answer");
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) t = t.getCause();
    String m = t.getMessage() == null ? e.getMessage() : t.getMessage();
    return t.getClass().getSimpleName() + (m == null ? "" : ": " + m);
  }

  private static String clip(String s) {
    String one = s == null ? "" : s.replaceAll("\\s+", " ").trim();
    return one.length() <= 200 ? one : one.substring(0, 200) + "…";
  }
}
