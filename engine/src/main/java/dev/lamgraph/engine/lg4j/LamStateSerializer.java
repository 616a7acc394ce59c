package dev.lamgraph.engine.lg4j;

import dev.lamgraph.engine.util.Json;
import java.io.IOException;
import java.io.ObjectInput;
import java.io.ObjectOutput;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.bsc.langgraph4j.serializer.StateSerializer;

/**
 * Serializes {@link LamState} as UTF-8 JSON with our Jackson mapper (length-prefixed bytes inside
 * langgraph4j's object streams): no Java serialization of values, integers stay {@code Long},
 * decimals {@code Double}, objects keep their key order. langgraph4j clones state through this
 * serializer before each node and for each checkpoint.
 *
 * <pre>{@code
 * var s = new LamStateSerializer();
 * Map<String, Object> copy = s.dataFromBytes(s.dataToBytes(Map.of("n", 1L)));
 * }</pre>
 */
public final class LamStateSerializer extends StateSerializer<LamState> {
  public LamStateSerializer() {
    super(LamState::new);
  }

  @Override
  public String contentType() {
    return "application/json";
  }

  @Override
  public void writeData(Map<String, Object> data, ObjectOutput out) throws IOException {
    byte[] bytes = Json.MAPPER.writeValueAsBytes(data);
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  @Override
  public Map<String, Object> readData(ObjectInput in) throws IOException {
    int n = in.readInt();
    byte[] bytes = new byte[n];
    in.readFully(bytes);
    return Json.readMap(new String(bytes, StandardCharsets.UTF_8));
  }
}
