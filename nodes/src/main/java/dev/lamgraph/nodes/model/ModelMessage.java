package dev.lamgraph.nodes.model;

import java.util.List;

/**
 * One message of a chat request, independent of any provider's wire format.
 *
 * <pre>{@code
 * List<ModelMessage> msgs = List.of(ModelMessage.system("You triage tickets."), ModelMessage.user("Printer on fire"));
 * }</pre>
 *
 * @param role {@code system}, {@code user}, {@code assistant} or {@code tool}
 * @param text the text (null for an assistant message that only calls tools)
 * @param toolCalls the tool calls an assistant message asked for (empty otherwise)
 * @param toolCallId for a {@code tool} message: the id of the call it answers
 * @param toolName for a {@code tool} message: the tool that produced it
 * @param attachments for a {@code user} message: images and documents sent after its text (empty otherwise)
 */
public record ModelMessage(String role, String text, List<ToolCall> toolCalls, String toolCallId, String toolName,
    List<Attachment> attachments) {
  public ModelMessage {
    toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    attachments = attachments == null ? List.of() : List.copyOf(attachments);
  }

  /** A message without attachments. */
  public ModelMessage(String role, String text, List<ToolCall> toolCalls, String toolCallId, String toolName) {
    this(role, text, toolCalls, toolCallId, toolName, List.of());
  }

  public static ModelMessage system(String text) {
    return new ModelMessage("system", text, List.of(), null, null);
  }

  public static ModelMessage user(String text) {
    return new ModelMessage("user", text, List.of(), null, null);
  }

  /** A user message with images or documents after its text. */
  public static ModelMessage user(String text, List<Attachment> attachments) {
    return new ModelMessage("user", text, List.of(), null, null, attachments);
  }

  public static ModelMessage assistant(String text, List<ToolCall> calls) {
    return new ModelMessage("assistant", text, calls, null, null);
  }

  public static ModelMessage toolResult(ToolCall call, String text) {
    return new ModelMessage("tool", text, List.of(), call.id(), call.name());
  }

  /** A tool call requested by the model; {@code arguments} is the JSON text the model wrote. */
  public record ToolCall(String id, String name, String arguments) {}
}
