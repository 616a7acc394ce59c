package dev.lamgraph.cli;

import static dev.lamgraph.cli.ExampleDir.state;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** graphs/api-booking.yaml against its booking API (a node process on a free port): search, choose, approve, book once. */
class BookingExampleTest {
  @TempDir Path tmp;
  ExampleDir ex;
  BookingApi api;

  @BeforeEach
  void start() throws Exception {
    ex = new ExampleDir(tmp);
    api = new BookingApi(ex.resolve("data/api-booking/server.mjs"));
  }

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  @SuppressWarnings("unchecked")
  void pausesForApprovalBeforeBookingThenBooksTheCheapestHotelWithinBudgetExactlyOnce() throws Exception {
    Lam.Result paused = ex.run("api-booking.yaml", "--json", "--input", "port=" + api.port, "--input", "budget=100");
    assertThat(paused.code()).as(paused.toString()).isEqualTo(3);
    assertThat(paused.json()).containsEntry("status", "paused");
    Map<String, Object> before = state(paused);
    assertThat((List<Map<String, Object>>) before.get("hotels")).extracting(h -> h.get("id"))
        .containsExactly("LIS-01", "LIS-03", "LIS-02");
    assertThat((Map<String, Object>) before.get("choice")).containsEntry("id", "LIS-01").containsEntry("price", 58L);
    assertThat((Map<String, Object>) before.get("choice_check")).containsEntry("approve", true);
    assertThat(before).doesNotContainKey("booking");
    assertThat(api.bookings()).as("nothing is booked before the approval").isEmpty();

    String thread = (String) paused.json().get("thread");
    Lam.Result resumed = ex.resume(thread, "--json");
    assertThat(resumed.code()).as(resumed.toString()).isEqualTo(0);
    Map<String, Object> after = state(resumed);
    assertThat((Map<String, Object>) after.get("booking")).containsEntry("id", "BK-1001").containsEntry("status", "confirmed")
        .containsEntry("hotel_id", "LIS-01").containsEntry("nights", 3L).containsEntry("total", 174L);
    assertThat((Map<String, Object>) after.get("confirmation")).containsEntry("approve", true);
    assertThat(after.get("summary")).isEqualTo("Booked Hostel Alfama Terrace in Lisbon for 3 nights: 174 EUR (booking BK-1001).");

    // resuming the finished thread again changes nothing: the server still holds exactly one booking
    assertThat(ex.resume(thread, "--quiet").code()).isEqualTo(0);
    assertThat(api.bookings()).singleElement().satisfies(b -> assertThat(b).containsEntry("id", "BK-1001")
        .containsEntry("hotel_id", "LIS-01").containsEntry("total", 174L));
  }

  @Test
  void theApiAnswersARepeatedIdempotencyKeyWithTheSameBookingAndRefusesItForAnotherRequest() throws Exception {
    Map<String, Object> first = api.book("{\"hotel_id\":\"LIS-02\",\"nights\":2}", "thread-1:4:book:1");
    Map<String, Object> again = api.book("{\"hotel_id\":\"LIS-02\",\"nights\":2}", "thread-1:4:book:1");
    Map<String, Object> other = api.book("{\"hotel_id\":\"LIS-03\",\"nights\":2}", "thread-1:4:book:1");
    Map<String, Object> noKey = api.book("{\"hotel_id\":\"LIS-02\",\"nights\":2}", null);

    assertThat(first).containsEntry("status", 201L);
    assertThat(again).containsEntry("status", 200L).containsEntry("body", first.get("body"));
    assertThat(other).containsEntry("status", 409L);
    assertThat(noKey).containsEntry("status", 201L);
    assertThat(api.bookings()).extracting(b -> b.get("id")).containsExactly("BK-1001", "BK-1002");
    assertThat(api.get("/bookings/BK-1001")).containsEntry("hotel_id", "LIS-02").containsEntry("total", 192L);
    assertThat(api.get("/hotels?city=Porto&max_price=100")).containsEntry("count", 1L);
  }

  @Test
  @SuppressWarnings("unchecked")
  void anEmptySearchBooksNothingAndAHostOutsideAllowHostsIsRefusedBeforeConnecting() throws Exception {
    Lam.Result none = ex.run("api-booking.yaml", "--json", "--input", "port=" + api.port, "--input", "budget=50");
    assertThat(none.code()).as(none.toString()).isEqualTo(0);
    assertThat(state(none)).containsEntry("summary", "No hotel in Lisbon at or under 50.0 EUR a night; nothing was booked.")
        .doesNotContainKey("choice");

    Lam.Result refused = ex.run("api-booking.yaml", "--json", "--input", "port=" + api.port, "--input", "host=example.com");
    assertThat(refused.code()).as(refused.toString()).isEqualTo(1);
    assertThat((Map<String, Object>) refused.json().get("detail")).containsEntry("kind", "refused").containsEntry("node", "search");
    assertThat(String.valueOf(refused.json().get("detail"))).contains("host 'example.com' is not in allow_hosts");
    assertThat(api.bookings()).isEmpty();
  }
}
