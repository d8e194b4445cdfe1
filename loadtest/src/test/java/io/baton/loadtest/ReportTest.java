package io.baton.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ReportTest {
  @Test
  void resultLineHasTheBenchmarkFieldsInOrder() {
    String line = Report.resultLine("http://127.0.0.1:8080", "W3", Mode.THROUGHPUT, 60, 512.345, 1537.0, 4.26,
        19.04, 0, 2);
    assertEquals("RESULT server=http://127.0.0.1:8080 workload=W3 mode=throughput seconds=60 workflows_per_s=512.3"
        + " tasks_per_s=1537.0 p50_ms=4.3 p99_ms=19.0 errors=0 not_completed=2", line);
  }

  @Test
  void noLatenciesShowAsNaNNotAsZero() {
    String line = Report.resultLine("u", "W1", Mode.LATENCY, 1, 0, 0, Double.NaN, Double.NaN, 3, 0);
    assertTrue(line.contains("p50_ms=NaN p99_ms=NaN errors=3"), line);
  }

  @Test
  void shortRunsAreReadBackInFull() {
    List<String> ids = IntStream.range(0, 4_000).mapToObj(i -> "w" + i).toList();
    assertEquals(ids, HonestyCheck.choose(ids, 5_000, 1_000, new Random(1)));
  }

  @Test
  void longRunsAreSampledWithoutRepeats() {
    List<String> ids = IntStream.range(0, 50_000).mapToObj(i -> "w" + i).toList();
    List<String> sample = HonestyCheck.choose(ids, 5_000, 1_000, new Random(1));
    assertEquals(1_000, sample.size());
    assertEquals(1_000, sample.stream().distinct().count());
    assertTrue(ids.containsAll(sample));
    assertTrue(sample.stream().anyMatch(id -> Integer.parseInt(id.substring(1)) >= 25_000),
        "the sample spans the whole run, not only its beginning");
  }

  @Test
  void theSampleIsNeverSmallerThanAsked() {
    List<String> ids = IntStream.range(0, 1_500).mapToObj(i -> "w" + i).toList();
    assertEquals(1_500, HonestyCheck.choose(ids, 0, 2_000, new Random(1)).size());
  }
}
