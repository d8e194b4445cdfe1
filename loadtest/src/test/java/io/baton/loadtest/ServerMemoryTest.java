package io.baton.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ServerMemoryTest {
  @Test
  void sumsTheHeapPoolsOfAPrometheusPage() {
    String page = """
        # HELP jvm_memory_used_bytes The amount of used memory
        # TYPE jvm_memory_used_bytes gauge
        jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} 2.5165824E7
        jvm_memory_used_bytes{area="heap",id="G1 Old Gen"} 5.709048E7
        jvm_memory_used_bytes{area="nonheap",id="Metaspace"} 9.2508768E7
        jvm_memory_used_bytes{area="heap",id="G1 Survivor Space"} 1000.0
        jvm_memory_max_bytes{area="heap",id="G1 Old Gen"} 6.0E9
        """;
    assertEquals(OptionalLong.of(25_165_824L + 57_090_480L + 1_000L), ServerMemory.prometheusHeap(page));
  }

  @Test
  void aPageWithoutHeapFiguresGivesNothing() {
    assertEquals(OptionalLong.empty(), ServerMemory.prometheusHeap("process_cpu_usage 0.1\n"));
  }

  @Test
  void readsTheRssOfThisProcess() {
    OptionalLong rss = ServerMemory.rss(ProcessHandle.current().pid());
    assertTrue(rss.isPresent());
    assertTrue(rss.getAsLong() > 1024 * 1024, "a JVM uses more than 1 MiB");
  }

  @Test
  void anUnknownProcessHasNoRss() {
    assertEquals(OptionalLong.empty(), ServerMemory.rss(Long.MAX_VALUE));
  }
}
