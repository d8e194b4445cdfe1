package io.baton.runtime.expr;

import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A size-capped concurrent memo. When full it drops an arbitrary quarter of its entries: the
 * working set (expressions of the registered definitions) is small and stable, so anything
 * smarter than that would only pay for itself under churn we don't expect.
 */
final class BoundedCache<K, V> {
  private final ConcurrentHashMap<K, V> map = new ConcurrentHashMap<>();
  private final int capacity;

  BoundedCache(int capacity) {
    if (capacity < 4) throw new IllegalArgumentException("capacity must be at least 4");
    this.capacity = capacity;
  }

  V get(K key, Function<K, V> compute) {
    V value = map.get(key);
    if (value != null) return value;
    value = compute.apply(key);
    if (map.size() >= capacity) evictSome();
    V raced = map.putIfAbsent(key, value);
    return raced != null ? raced : value;
  }

  int size() {
    return map.size();
  }

  private void evictSome() {
    int toDrop = capacity / 4;
    Iterator<K> keys = map.keySet().iterator();
    while (toDrop-- > 0 && keys.hasNext()) {
      keys.next();
      keys.remove();
    }
  }
}
