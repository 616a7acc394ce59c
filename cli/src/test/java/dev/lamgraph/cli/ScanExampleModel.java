package dev.lamgraph.cli;

import static dev.lamgraph.cli.ExampleModels.ordered;

import dev.lamgraph.cli.MockOpenAi.Answer;
import dev.lamgraph.cli.MockOpenAi.Script;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The vision model of invoice-scan-llm, scripted: it answers the scanned invoice only when the
 * request carries the committed scan itself (an OpenAI {@code image_url} data URI whose bytes are
 * those of graphs/data/invoice-scan/inbox/004-umbrella/scan.png), and the e-mail invoices from
 * their text. Anything else gets no answer.
 */
final class ScanExampleModel {
  static final String SCAN = "graphs/data/invoice-scan/inbox/004-umbrella/scan.png";

  private ScanExampleModel() {}

  static Script script() {
    byte[] scan;
    try {
      scan = Files.readAllBytes(Lam.ROOT.resolve(SCAN));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return chat -> {
      if (chat.system().startsWith("You read scanned invoices")) {
        if (!chat.prompt().contains("Subject: Invoice UOS-5521")) return null;
        List<byte[]> images = images(chat);
        if (images.size() != 1 || !Arrays.equals(images.get(0), scan)) return null; // not the scan: a model could not read it
        return Answer.json(invoice("Umbrella Office Supply Co.", "Umbrella Accounts <accounts@umbrella-office.example>",
            "UOS-5521", "2027-01-08", 1497.00, "Ergonomic chairs, 3 pcs", 897.00, "Standing desk", 540.00, "Assembly", 60.00));
      }
      if (chat.system().startsWith("You extract invoice data")) {
        if (chat.prompt().contains("Invoice: HX-2230")) {
          return Answer.json(invoice("Hooli", "Hooli Billing <billing@hooli.example>", "HX-2230", "2026-12-28", 225.00,
              "Cloud storage, 2 TB, November", 180.00, "Priority support", 45.00));
        }
        if (chat.prompt().contains("Invoice: SG-0107")) {
          return Answer.json(invoice("Soylent Catering", "Soylent Invoicing <invoices@soylent.example>", "SG-0107", "2026-12-20",
              320.00, "Team lunch, 14 people", 308.00, "Delivery", 12.00));
        }
      }
      return null;
    };
  }

  /** The images of the first user message: OpenAI content parts {type: image_url, image_url: {url: data:...;base64,...}}. */
  @SuppressWarnings("unchecked")
  static List<byte[]> images(MockOpenAi.Chat chat) {
    List<byte[]> out = new ArrayList<>();
    Object content = chat.messages().stream().filter(m -> "user".equals(m.get("role"))).findFirst().map(m -> m.get("content"))
        .orElse(null);
    if (!(content instanceof List<?> parts)) return out;
    for (Object p : parts) {
      Map<String, Object> part = (Map<String, Object>) p;
      if (!"image_url".equals(part.get("type"))) continue;
      String url = String.valueOf(((Map<String, Object>) part.get("image_url")).get("url"));
      if (url.startsWith("data:image/png;base64,")) out.add(Base64.getDecoder().decode(url.substring(url.indexOf(',') + 1)));
    }
    return out;
  }

  private static Map<String, Object> invoice(String vendor, String from, String number, String due, double total, Object... lines) {
    List<Object> items = new ArrayList<>();
    for (int i = 0; i < lines.length; i += 2) items.add(ordered("item", lines[i], "amount", lines[i + 1]));
    return ordered("vendor", vendor, "from", from, "invoice", number, "due", due, "currency", "EUR", "lines", items, "total", total);
  }
}
