package io.sluice.policies.rego.value;

/**
 * Hash index over an object's keys: an open-addressing table of key positions, so a look-up
 * is one hash and, almost always, one equality test whatever the size. Small objects (most
 * input and data objects) have no table: comparing a few keys directly is cheaper than
 * hashing, and building the table for every converted input object would cost more than it saves.
 */
final class KeyIndex {
  private static final int SCAN_LIMIT = 8;
  private static final KeyIndex SCAN = new KeyIndex(null, null);

  private final int[] hashes;
  // slot -> key position + 1 (0: empty); both null for small objects
  private final int[] table;

  private KeyIndex(int[] hashes, int[] table) {
    this.hashes = hashes;
    this.table = table;
  }

  static KeyIndex of(Value[] keys) {
    int n = keys.length;
    if (n <= SCAN_LIMIT) {
      return SCAN;
    }
    int[] hashes = new int[n];
    for (int i = 0; i < n; i++) {
      hashes[i] = keys[i].hashCode();
    }
    int[] table = new int[Integer.highestOneBit(n * 2 - 1) << 1];
    int mask = table.length - 1;
    for (int i = 0; i < n; i++) {
      int s = spread(hashes[i]) & mask;
      while (table[s] != 0) {
        s = (s + 1) & mask;
      }
      table[s] = i + 1;
    }
    return new KeyIndex(hashes, table);
  }

  /** Position of {@code key} in {@code keys} (the array this index was built over), or -1. */
  int find(Value[] keys, Value key) {
    int h = key.hashCode();
    if (table == null) {
      // a string key's hash is cached in the String: comparing hashes first skips most equals calls
      for (int i = 0; i < keys.length; i++) {
        Value k = keys[i];
        if (k == key || (k.hashCode() == h && k.equals(key))) {
          return i;
        }
      }
      return -1;
    }
    int mask = table.length - 1;
    for (int s = spread(h) & mask; table[s] != 0; s = (s + 1) & mask) {
      int i = table[s] - 1;
      if (hashes[i] == h && keys[i].equals(key)) {
        return i;
      }
    }
    return -1;
  }

  private static int spread(int h) {
    return h ^ (h >>> 16);
  }
}
