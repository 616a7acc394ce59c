package dev.lamgraph.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lamgraph.cli.MockOpenAi.Answer;
import dev.lamgraph.engine.util.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lam eval}: JSON Lines and ADK EvalSet datasets, the scorers (a failing score is reported), the reports. */
class EvalCommandTest {
  @TempDir Path dir;

  @BeforeEach
  void copy() throws Exception {
    Files.copy(Path.of("src/test/resources/wftest/answer.yaml"), dir.resolve("answer.yaml"));
    Files.writeString(dir.resolve("cases.jsonl"), """
        {"id": "france", "input": {"question": "capital of France?"}, "reference": "Paris", "path": ["think", "finish"]}
        {"id": "spain", "input": {"question": "capital of Spain?"}, "reference": "Madrid", "path": ["finish", "think"]}

        {"input": {"question": "anything"}}
        """);
  }

  @Test
  @SuppressWarnings("unchecked")
  void scoresEveryCaseWithEveryScorerAndWritesTheReports() throws Exception {
    Lam.Result r = Lam.run(dir, "eval", "cases.jsonl", "--workflow", "answer.yaml", "--output", "answer", "--scorer", "exact",
        "--scorer", "cel:output.size() > 4", "--scorer", "path:exact", "--report", "out/r");
    assertThat(r.code()).as(r.toString()).isEqualTo(0);
    assertThat(r.out()).contains("france: done, exact 1.00, cel:output.size() > 4 1.00, path:exact 1.00")
        .contains("spain: done, exact 0.00, cel:output.size() > 4 1.00, path:exact 0.00")
        .contains("line-4: done, exact -, cel:output.size() > 4 1.00, path:exact -")
        .contains("exact: mean 0.50, 1/2 passed").contains("path:exact: mean 0.50, 1/2 passed")
        .contains("3 cases; report: out/r.json, out/r.html");
    Map<String, Object> report = Json.readMap(Files.readString(dir.resolve("out/r.json")));
    assertThat(report).containsEntry("format", "lamgraph-eval/1");
    List<Map<String, Object>> cases = (List<Map<String, Object>>) report.get("cases");
    assertThat(cases.get(1)).containsEntry("output", "I do not know").containsEntry("reference", "Madrid");
    assertThat((Map<String, Object>) ((Map<String, Object>) cases.get(1).get("scores")).get("exact"))
        .containsEntry("score", 0.0).containsEntry("passed", false).containsEntry("detail", "expected \"Madrid\", got \"I do not know\"");
    assertThat(Files.readString(dir.resolve("out/r.html"))).contains("<td class=\"fail\">0.00").contains("<td class=\"pass\">1.00")
        .contains("I do not know");

    Lam.Result strict = Lam.run(dir, "eval", "cases.jsonl", "--workflow", "answer.yaml", "--output", "answer", "--min-score", "0.9");
    assertThat(strict.code()).isEqualTo(1);
    assertThat(strict.err()).contains("lam: error: a scorer's mean is under --min-score 0.9");
  }

  @Test
  void readsAnAdkEvalSet() throws Exception {
    Files.writeString(dir.resolve("set.evalset.json"), """
        {"eval_set_id": "capitals", "name": "capitals", "eval_cases": [
          {"eval_id": "fr", "conversation": [{"invocation_id": "i-1",
              "user_content": {"role": "user", "parts": [{"text": "capital of France?"}]},
              "final_response": {"role": "model", "parts": [{"text": "Paris"}]},
              "intermediate_data": {"tool_uses": [], "intermediate_responses": []}}],
           "session_input": {"app_name": "capitals", "user_id": "u", "state": {}}},
          {"eval_id": "de", "conversation": [{"invocation_id": "i-2",
              "user_content": {"role": "user", "parts": [{"text": "capital of Germany?"}]},
              "final_response": {"role": "model", "parts": [{"text": "Berlin"}]},
              "intermediate_data": {"tool_uses": [{"name": "lookup", "args": {"country": "DE"}}]}}]}]}
        """);
    Lam.Result r = Lam.run(dir, "eval", "set.evalset.json", "--workflow", "answer.yaml", "--input-key", "question", "--output",
        "answer", "--scorer", "exact", "--scorer", "trajectory");
    assertThat(r.code()).as(r.toString()).isEqualTo(0);
    assertThat(r.out()).contains("fr: done, exact 1.00, trajectory:exact 1.00").contains("de: done, exact 0.00, trajectory:exact 0.00");
  }

  @Test
  void theJudgeIsAModelOfTheWorkflowAndReplaysWithoutIt() throws Exception {
    Path rec = dir.resolve("judge.json");
    try (MockOpenAi judge = new MockOpenAi(chat -> chat.prompt().contains("\"Paris\"") && chat.prompt().contains("Output: \"Paris\"")
        ? Answer.json(Map.of("score", 1, "reason", "same city")) : Answer.json(Map.of("score", 0.2, "reason", "wrong city")))) {
      Lam.Result r = Lam.runWithEnv(dir, Map.of("OPENAI_API_KEY", "sk-judge-0123456789", "OPENAI_BASE_URL", judge.baseUrl()), "eval",
          "cases.jsonl", "--workflow", "answer.yaml", "--output", "answer", "--scorer", "judge", "--record", rec);
      assertThat(r.code()).as(r.toString()).isEqualTo(0);
      assertThat(r.out()).contains("france: done, judge:default 1.00").contains("spain: done, judge:default 0.20")
          .contains("judge:default: mean 0.47, 1/3 passed");
      assertThat(judge.requests()).isEqualTo(3);
    }
    // the same scores from the recording, with no model server and no key
    Lam.Result replay = Lam.runWithEnv(dir, Map.of("LAM_REPLAY", rec.toString()), "eval", "cases.jsonl", "--workflow", "answer.yaml",
        "--output", "answer", "--scorer", "judge");
    assertThat(replay.code()).as(replay.toString()).isEqualTo(0);
    assertThat(replay.out()).contains("france: done, judge:default 1.00").contains("judge:default: mean 0.47, 1/3 passed");
  }

  @Test
  void aRecordingHoldsTheWorkflowsAndTheJudgesCallsAndReplaysOffline() throws Exception {
    Files.copy(Path.of("src/test/resources/wftest/asks.yaml"), dir.resolve("asks.yaml"));
    Path rec = dir.resolve("all.json");
    try (MockOpenAi model = new MockOpenAi(chat -> chat.system().startsWith("You grade")
        ? Answer.json(Map.of("score", chat.prompt().contains("Output: \"Paris\"") ? 1 : 0, "reason", "checked"))
        : Answer.text(chat.prompt().contains("France") ? "Paris" : "Rome"))) {
      Lam.Result r = Lam.runWithEnv(dir, Map.of("OPENAI_API_KEY", "sk-judge-0123456789", "OPENAI_BASE_URL", model.baseUrl()), "eval",
          "cases.jsonl", "--workflow", "asks.yaml", "--output", "answer", "--scorer", "judge", "--scorer", "exact", "--record", rec);
      assertThat(r.code()).as(r.toString()).isEqualTo(0);
      assertThat(r.out()).contains("france: done, judge:default 1.00, exact 1.00").contains("spain: done, judge:default 0.00, exact 0.00");
      assertThat(model.requests()).isEqualTo(6); // three runs, three judgements
    }
    assertThat((List<?>) Json.readMap(Files.readString(rec)).get("entries")).hasSize(6);
    Lam.Result replay = Lam.runWithEnv(dir, Map.of("LAM_REPLAY", rec.toString()), "eval", "cases.jsonl", "--workflow", "asks.yaml",
        "--output", "answer", "--scorer", "judge", "--scorer", "exact");
    assertThat(replay.code()).as(replay.toString()).isEqualTo(0);
    assertThat(replay.out()).contains("france: done, judge:default 1.00, exact 1.00").contains("spain: done, judge:default 0.00, exact 0.00")
        .contains("judge:default: mean 0.33, 1/3 passed");
  }

  @Test
  void usageErrors() throws Exception {
    Files.writeString(dir.resolve("bad.jsonl"), "{\"input\": {\"question\": \"x\"}}\n{\"inputs\": {}}\n");
    Lam.Result bad = Lam.run(dir, "eval", "bad.jsonl", "--workflow", "answer.yaml", "--output", "answer");
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).contains("bad.jsonl:2: unknown key 'inputs'; known: id, input, reference, trajectory, path");
    Lam.Result scorer = Lam.run(dir, "eval", "cases.jsonl", "--workflow", "answer.yaml", "--output", "answer", "--scorer", "fuzzy");
    assertThat(scorer.code()).isEqualTo(2);
    assertThat(scorer.err()).contains("lam: error: unknown scorer 'fuzzy'; known: exact, cel:EXPR");
    Lam.Result cel = Lam.run(dir, "eval", "cases.jsonl", "--workflow", "answer.yaml", "--scorer", "cel:state.nope");
    assertThat(cel.code()).isEqualTo(2);
    assertThat(cel.err()).contains("lam: error: scorer cel:state.nope: undefined field 'nope'");
  }
}
