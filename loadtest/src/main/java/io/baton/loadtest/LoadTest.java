package io.baton.loadtest;

import java.util.List;

/** The command line: parse options, run one mode against the servers given, exit 0 only for a clean run. */
public final class LoadTest {
  private LoadTest() {}

  public static void main(String[] args) throws InterruptedException {
    List<String> list = List.of(args);
    if (list.contains("--help") || list.contains("-h")) {
      System.out.print(Options.usage());
      return;
    }
    Options options;
    try {
      options = Options.parse(list);
    } catch (UsageException e) {
      System.err.println("error: " + e.getMessage());
      System.err.print(Options.usage());
      System.exit(2);
      return;
    }
    System.exit(run(options));
  }

  static int run(Options options) throws InterruptedException {
    try (ConductorClient client = new ConductorClient(options.urls(), options.requestTimeout())) {
      System.out.println(describe(options));
      return switch (options.mode()) {
        case THROUGHPUT -> new ThroughputRun(options, client).run();
        case LATENCY -> new LatencyRun(options, client).run();
        case HOLDING -> new HoldingRun(options, client).run();
      };
    } catch (ConductorClient.CallFailed e) {
      System.err.println("error: " + e.getMessage());
      return 3;
    }
  }

  private static String describe(Options o) {
    String shape = switch (o.mode()) {
      case THROUGHPUT -> "in_flight=" + o.inFlight() + " starters=" + o.starters() + " warmup=" + o.warmup().toSeconds()
          + "s duration=" + o.duration().toSeconds() + "s";
      case LATENCY -> "rate=" + o.rate() + "/s warmup=" + o.warmup().toSeconds() + "s duration=" + o.duration().toSeconds() + "s";
      case HOLDING -> "count=" + o.count() + " starters=" + o.starters();
    };
    String workload = o.mode() == Mode.HOLDING ? Workload.HUMAN.name() : o.workload().name();
    return "loadtest: server=" + o.server() + " workload=" + workload + " mode=" + o.mode().label() + " " + shape
        + " workers=" + o.workers() + " poll=" + o.pollCount() + "/" + o.pollTimeoutMs() + "ms; client: "
        + Runtime.getRuntime().availableProcessors() + " cpus, java " + Runtime.version();
  }
}
