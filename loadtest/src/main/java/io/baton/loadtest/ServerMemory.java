package io.baton.loadtest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server's memory, where it can be had: RSS from /proc for a local process id; heap from the
 * process's own jcmd (after a full GC, so it is the live heap) or else from a Prometheus endpoint
 * the server may expose.
 */
final class ServerMemory {
  record Reading(OptionalLong heapBytes, String heapSource, OptionalLong rssBytes) {
    String describe() {
      return "heap_used_mb=" + mb(heapBytes) + " (" + heapSource + ") rss_mb=" + mb(rssBytes);
    }

    static String mb(OptionalLong bytes) {
      return bytes.isPresent() ? String.format(Locale.ROOT, "%.1f", bytes.getAsLong() / 1048576.0) : "n/a";
    }
  }

  private static final Pattern PROMETHEUS_HEAP =
      Pattern.compile("(?m)^jvm_memory_used_bytes\\{[^}]*area=\"heap\"[^}]*\\}\\s+([0-9.eE+-]+)");
  private static final Pattern JCMD_USED = Pattern.compile("used (\\d+)K");
  private static final Pattern VM_RSS = Pattern.compile("(?m)^VmRSS:\\s+(\\d+) kB");

  private ServerMemory() {}

  static Reading read(ConductorClient client, OptionalLong pid) {
    OptionalLong rss = pid.isPresent() ? rss(pid.getAsLong()) : OptionalLong.empty();
    if (pid.isPresent()) {
      OptionalLong heap = jcmdHeap(pid.getAsLong());
      if (heap.isPresent()) return new Reading(heap, "jcmd after GC.run", rss);
    }
    String metrics = client.getOutsideApi("/actuator/prometheus");
    OptionalLong heap = metrics == null ? OptionalLong.empty() : prometheusHeap(metrics);
    return new Reading(heap, heap.isPresent() ? "prometheus, includes garbage" : "not exposed", rss);
  }

  static OptionalLong prometheusHeap(String metrics) {
    Matcher m = PROMETHEUS_HEAP.matcher(metrics);
    double sum = 0;
    boolean any = false;
    while (m.find()) {
      sum += Double.parseDouble(m.group(1));
      any = true;
    }
    return any ? OptionalLong.of((long) sum) : OptionalLong.empty();
  }

  static OptionalLong rss(long pid) {
    try {
      Matcher m = VM_RSS.matcher(Files.readString(Path.of("/proc", Long.toString(pid), "status")));
      return m.find() ? OptionalLong.of(Long.parseLong(m.group(1)) * 1024) : OptionalLong.empty();
    } catch (IOException e) {
      return OptionalLong.empty();
    }
  }

  /** Runs the jcmd next to the server's own java binary, so the versions match. */
  private static OptionalLong jcmdHeap(long pid) {
    try {
      Path java = Path.of("/proc", Long.toString(pid), "exe").toRealPath();
      Path jcmd = java.resolveSibling("jcmd");
      if (!Files.isExecutable(jcmd)) return OptionalLong.empty();
      run(jcmd, pid, "GC.run");
      Matcher m = JCMD_USED.matcher(run(jcmd, pid, "GC.heap_info"));
      return m.find() ? OptionalLong.of(Long.parseLong(m.group(1)) * 1024) : OptionalLong.empty();
    } catch (IOException e) {
      return OptionalLong.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return OptionalLong.empty();
    }
  }

  private static String run(Path jcmd, long pid, String command) throws IOException, InterruptedException {
    // Output goes to a file, so a jcmd that hangs cannot block a read: the wait below is the bound.
    Path out = Files.createTempFile("baton-loadtest-jcmd", ".txt");
    try {
      Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command)
          .redirectErrorStream(true).redirectOutput(out.toFile()).start();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException("jcmd " + command + " did not finish in 60 s");
      }
      return Files.readString(out, StandardCharsets.UTF_8);
    } finally {
      Files.deleteIfExists(out);
    }
  }
}
