package io.baton.runtime.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BoundedCacheTest {

  @Test
  void computesOnceAndRemembers() {
    BoundedCache<String, Integer> cache = new BoundedCache<>(8);
    AtomicInteger calls = new AtomicInteger();
    assertEquals(3, cache.get("abc", k -> calls.incrementAndGet() * 0 + k.length()));
    assertEquals(3, cache.get("abc", k -> calls.incrementAndGet() * 0 + k.length()));
    assertEquals(1, calls.get());
  }

  @Test
  void neverGrowsPastItsCapacity() {
    BoundedCache<Integer, Integer> cache = new BoundedCache<>(100);
    for (int i = 0; i < 10_000; i++) {
      assertEquals(i * 2, cache.get(i, k -> k * 2));
      assertTrue(cache.size() <= 100, () -> "size " + cache.size());
    }
  }

  @Test
  void rejectsATinyCapacity() {
    assertThrows(IllegalArgumentException.class, () -> new BoundedCache<String, String>(1));
  }
}
