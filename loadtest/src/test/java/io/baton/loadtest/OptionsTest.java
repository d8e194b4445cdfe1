package io.baton.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OptionsTest {
  @Test
  void defaultsFollowTheBenchmark() {
    Options o = Options.parse(List.of());
    assertEquals(List.of(URI.create("http://127.0.0.1:8080")), o.urls());
    assertEquals("http://127.0.0.1:8080", o.server());
    assertEquals(Workload.W3, o.workload());
    assertEquals(Mode.THROUGHPUT, o.mode());
    assertEquals(8, o.workers());
    assertEquals(500, o.inFlight());
    assertEquals(32, o.starters());
    assertEquals(20, o.pollCount());
    assertEquals(100, o.pollTimeoutMs());
    assertEquals(Duration.ofSeconds(10), o.warmup());
    assertEquals(Duration.ofSeconds(60), o.duration());
    assertEquals(OptionalLong.empty(), o.serverPid());
  }

  @Test
  void readsBothSpellingsAndEveryUnit() {
    Options o = Options.parse(List.of("--url", "http://127.0.0.1:9090/", "--workload=wf", "--mode", "LATENCY",
        "--rate", "50.5", "--duration", "2m", "--warmup=500ms", "--workers", "3", "--in-flight", "1_000",
        "--count", "100000", "--server-pid", "4242", "--check-all", "0"));
    assertEquals(List.of(URI.create("http://127.0.0.1:9090")), o.urls());
    assertEquals(Workload.WF, o.workload());
    assertEquals(Mode.LATENCY, o.mode());
    assertEquals(50.5, o.rate());
    assertEquals(Duration.ofMinutes(2), o.duration());
    assertEquals(Duration.ofMillis(500), o.warmup());
    assertEquals(3, o.workers());
    assertEquals(1_000, o.inFlight());
    assertEquals(100_000, o.count());
    assertEquals(OptionalLong.of(4242), o.serverPid());
    assertEquals(0, o.checkAll());
  }

  @Test
  void aListOfUrlsKeepsItsOrderAndNamesTheServersAsOneToken() {
    Options o = Options.parse(List.of("--url", "http://127.0.0.1:8080,http://127.0.0.1:8081/, http://localhost:8082"));
    assertEquals(List.of(URI.create("http://127.0.0.1:8080"), URI.create("http://127.0.0.1:8081"),
        URI.create("http://localhost:8082")), o.urls());
    assertEquals("http://127.0.0.1:8080,http://127.0.0.1:8081,http://localhost:8082", o.server());
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "http://127.0.0.1:8080,ftp://127.0.0.1:8081  | --url must look like http://host:port, got 'ftp://127.0.0.1:8081'",
      "http://127.0.0.1:8080,127.0.0.1:8081        | '127.0.0.1:8081'",
      "http://127.0.0.1:8080,,http://127.0.0.1:8081 | --url has an empty element",
      "http://127.0.0.1:8080,                      | --url has an empty element",
      ",http://127.0.0.1:8080                      | --url has an empty element",
      "'   '                                       | --url must name at least one URL",
  })
  void refusesAListWithABadOrEmptyElement(String url, String message) {
    UsageException e = assertThrows(UsageException.class, () -> Options.parse(List.of("--url", url)));
    assertTrue(e.getMessage().contains(message), () -> "message was: " + e.getMessage());
  }

  @Test
  void aBareNumberIsSecondsAndZeroWarmupIsAllowed() {
    Options o = Options.parse(List.of("--duration", "30", "--warmup", "0"));
    assertEquals(Duration.ofSeconds(30), o.duration());
    assertEquals(Duration.ZERO, o.warmup());
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "--bogus 1                     | unknown option --bogus",
      "--workers                     | --workers needs a value",
      "--workers 0                   | --workers must be at least 1",
      "--workers -3                  | --workers must not be negative",
      "--workers many                | --workers must be a whole number",
      "--workers 99999999999         | --workers must be a whole number",
      "--rate 0                      | --rate must be above 0",
      "--rate NaN                    | --rate must be above 0",
      "--rate fast                   | --rate must be a number",
      "--duration 0                  | --duration must be longer than 0",
      "--duration 10h                | --duration must be a duration",
      "--duration -5s                | --duration must be a duration",
      "--duration 2000m              | --duration is longer than a day",
      "--workload W9                 | unknown --workload 'W9'",
      "--mode fast                   | unknown --mode 'fast'",
      "--url ftp://x                 | --url must look like http://host:port",
      "--url http//nohost            | --url must look like http://host:port",
      "--poll-timeout 6000           | --poll-timeout is at most 5000 ms",
      "--request-timeout 50ms        | --request-timeout must be longer than --poll-timeout",
      "--workers 2 --workers 3       | --workers given twice",
      "W3                            | unexpected argument 'W3'",
      "--                            | unexpected argument '--'",
  })
  void refusesBadInputWithAMessageNamingTheProblem(String args, String message) {
    UsageException e = assertThrows(UsageException.class, () -> Options.parse(List.of(args.trim().split("\\s+"))));
    assertTrue(e.getMessage().contains(message), () -> "message was: " + e.getMessage());
  }

  @Test
  void usageListsEveryOption() {
    String usage = Options.usage();
    for (String name : Options.DEFAULTS.keySet()) {
      assertTrue(usage.contains("--" + name + " "), () -> "usage does not mention --" + name);
    }
  }
}
