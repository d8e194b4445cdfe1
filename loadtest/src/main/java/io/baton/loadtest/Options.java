package io.baton.loadtest;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Everything a run needs, parsed and checked once from the command line. */
public record Options(
    List<URI> urls,
    Workload workload,
    Mode mode,
    int workers,
    int inFlight,
    int starters,
    double rate,
    Duration duration,
    Duration warmup,
    int count,
    int pollCount,
    int pollTimeoutMs,
    Duration drain,
    Duration settle,
    int checkAll,
    int checkSample,
    Duration progress,
    Duration requestTimeout,
    Duration phaseLimit,
    OptionalLong serverPid) {

  /** Every option with its default; the empty string means "not given". */
  static final Map<String, String> DEFAULTS = Map.ofEntries(
      Map.entry("url", "http://127.0.0.1:8080"),
      Map.entry("workload", "W3"),
      Map.entry("mode", "throughput"),
      Map.entry("workers", "8"),
      Map.entry("in-flight", "500"),
      Map.entry("starters", "32"),
      Map.entry("rate", "10"),
      Map.entry("duration", "60s"),
      Map.entry("warmup", "10s"),
      Map.entry("count", "10000"),
      Map.entry("poll-count", "20"),
      Map.entry("poll-timeout", "100"),
      Map.entry("drain", "30s"),
      Map.entry("settle", "5s"),
      Map.entry("check-all", "5000"),
      Map.entry("check-sample", "1000"),
      Map.entry("progress", "5s"),
      Map.entry("request-timeout", "30s"),
      Map.entry("phase-limit", "30m"),
      Map.entry("server-pid", ""));

  /** Parses {@code --name value} and {@code --name=value}; throws {@link UsageException} on anything off. */
  public static Options parse(List<String> args) {
    Map<String, String> given = new HashMap<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (!arg.startsWith("--") || arg.length() == 2) {
        throw new UsageException("unexpected argument '" + arg + "' (options look like --name value)");
      }
      String name = arg.substring(2);
      String value;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      } else {
        if (i + 1 >= args.size()) throw new UsageException("--" + name + " needs a value");
        value = args.get(++i);
      }
      if (!DEFAULTS.containsKey(name)) throw new UsageException("unknown option --" + name);
      if (given.put(name, value) != null) throw new UsageException("--" + name + " given twice");
    }
    Map<String, String> v = new HashMap<>(DEFAULTS);
    v.putAll(given);

    Options o = new Options(
        urls(v.get("url")),
        Workload.named(v.get("workload")),
        Mode.parse(v.get("mode")),
        positiveInt(v, "workers"),
        positiveInt(v, "in-flight"),
        positiveInt(v, "starters"),
        positiveDouble(v, "rate"),
        duration(v, "duration", false),
        duration(v, "warmup", true),
        positiveInt(v, "count"),
        positiveInt(v, "poll-count"),
        positiveInt(v, "poll-timeout"),
        duration(v, "drain", true),
        duration(v, "settle", true),
        nonNegativeInt(v, "check-all"),
        positiveInt(v, "check-sample"),
        duration(v, "progress", false),
        duration(v, "request-timeout", false),
        duration(v, "phase-limit", false),
        v.get("server-pid").isEmpty() ? OptionalLong.empty() : OptionalLong.of(positiveInt(v, "server-pid")));
    if (o.pollTimeoutMs > 5000) throw new UsageException("--poll-timeout is at most 5000 ms (the API's long-poll limit)");
    if (o.requestTimeout.toMillis() <= o.pollTimeoutMs) {
      throw new UsageException("--request-timeout must be longer than --poll-timeout");
    }
    return o;
  }

  /** The servers as the RESULT line names them: the URLs joined by commas, one token. */
  public String server() {
    return urls.stream().map(URI::toString).collect(Collectors.joining(","));
  }

  /** A comma-separated list of base URLs; each element is checked on its own. */
  private static List<URI> urls(String text) {
    if (text.isBlank()) throw new UsageException("--url must name at least one URL");
    List<URI> list = new ArrayList<>();
    // -1 keeps trailing empty elements, so "a," is refused like "a,,b".
    for (String element : text.split(",", -1)) {
      String trimmed = element.trim();
      if (trimmed.isEmpty()) throw new UsageException("--url has an empty element in '" + text + "'");
      list.add(url(trimmed));
    }
    return List.copyOf(list);
  }

  private static URI url(String text) {
    URI uri;
    try {
      uri = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--url '" + text + "' is not a URL");
    }
    if (!"http".equals(uri.getScheme()) || uri.getHost() == null) {
      throw new UsageException("--url must look like http://host:port, got '" + text + "'");
    }
    return uri;
  }

  private static int positiveInt(Map<String, String> v, String name) {
    int n = nonNegativeInt(v, name);
    if (n == 0) throw new UsageException("--" + name + " must be at least 1");
    return n;
  }

  private static int nonNegativeInt(Map<String, String> v, String name) {
    String text = v.get(name);
    int n;
    try {
      n = Integer.parseInt(text.replace("_", ""));
    } catch (NumberFormatException e) {
      throw new UsageException("--" + name + " must be a whole number, got '" + text + "'");
    }
    if (n < 0) throw new UsageException("--" + name + " must not be negative, got " + n);
    return n;
  }

  private static double positiveDouble(Map<String, String> v, String name) {
    String text = v.get(name);
    double d;
    try {
      d = Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new UsageException("--" + name + " must be a number, got '" + text + "'");
    }
    if (!(d > 0) || Double.isInfinite(d)) throw new UsageException("--" + name + " must be above 0, got " + text);
    return d;
  }

  private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m)?");

  /** "60" and "60s" are seconds, "500ms" milliseconds, "2m" minutes. */
  static Duration duration(Map<String, String> v, String name, boolean zeroAllowed) {
    String text = v.get(name);
    Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new UsageException("--" + name + " must be a duration like 60, 60s, 500ms or 2m, got '" + text + "'");
    }
    long n;
    try {
      n = Long.parseLong(m.group(1));
    } catch (NumberFormatException e) {
      throw new UsageException("--" + name + " is too large: '" + text + "'");
    }
    String unit = m.group(2) == null ? "s" : m.group(2);
    Duration d = switch (unit) {
      case "ms" -> Duration.ofMillis(n);
      case "m" -> Duration.ofMinutes(n);
      default -> Duration.ofSeconds(n);
    };
    if (d.isZero() && !zeroAllowed) throw new UsageException("--" + name + " must be longer than 0");
    if (d.compareTo(Duration.ofDays(1)) > 0) throw new UsageException("--" + name + " is longer than a day");
    return d;
  }

  static String usage() {
    return """
        usage: java -jar baton-loadtest-all.jar [--name value ...]

          --url URL[,URL...]     server base URL(s), without /api; with several, every call
                                 goes to the next one in turn (http://127.0.0.1:8080)
          --workload NAME        W1, W3, WS, WSM or WF                (W3)
          --mode MODE            throughput, latency or holding       (throughput)
          --workers N            polling worker threads               (8)
          --in-flight N          throughput: most workflows in flight (500)
          --starters N           threads that start workflows         (32)
          --rate R               latency: workflows started per second (10)
          --duration D           measured window                      (60s)
          --warmup D             warm-up before the window            (10s)
          --count N              holding: workflows to start          (10000)
          --poll-count N         batch poll count                     (20)
          --poll-timeout MS      batch poll long-poll timeout, ms     (100)
          --drain D              after the window, wait this long at most for open workflows (30s)
          --settle D             read-back check: wait this long at most for late COMPLETED (5s)
          --check-all N          read back every execution when at most N finished (5000)
          --check-sample N       otherwise read back a random sample of N (1000)
          --progress D           progress line interval               (5s)
          --request-timeout D    per HTTP request                     (30s)
          --phase-limit D        holding: each phase (start, complete) stops after this (30m)
          --server-pid PID       holding: read the server's RSS (and heap via jcmd) from this local process

        Durations: 60 or 60s, 500ms, 2m.
        """;
  }
}
