package dev.tenantwave.metrics;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Tenant id → its slot number in {@link TenantSlots}: an open-addressing table that the request path reads without a
 * lock or an atomic. A lookup compares the caller's string by identity first, so a caller that passes the same
 * {@code String} instance each time (an id from a catalog, a constant) never reads the stored key; another instance
 * is compared by hash, then {@code equals}. Keys, hashes and slot numbers lie in three flat arrays (a few hundred KB
 * at 10,000 tenants), not in a node per entry, so a lookup costs cache lines that stay warm rather than a chain of
 * objects.
 *
 * <p>Writers ({@link #add}, {@link #remove}) hold one lock, their caller's. An entry is written slot-and-hash first
 * and its key last, with release semantics, and read key first with acquire semantics, so a reader that sees a key
 * sees its slot. Positions are never reused: a removed tenant leaves a tombstone, and the table is rebuilt, and
 * published anew, once tombstones and tenants fill half of it. A reader on an outdated table may find a slot that has
 * been freed or reassigned since; {@link TenantSlots#add} tells, under the slot's lock, and the caller looks again.
 */
final class TenantDirectory {

  static final int NONE = -1;
  private static final VarHandle KEYS = MethodHandles.arrayElementVarHandle(String[].class);
  private static final String REMOVED = new String("(removed)");
  private static final int MIN_CAPACITY = 16;

  private volatile Table table;
  private volatile int size;
  private int tombstones;

  TenantDirectory(int expectedTenants) {
    this.table = new Table(capacityFor(expectedTenants));
  }

  /** The tenant's slot number, or {@link #NONE}. */
  int find(String tenantId) {
    return table.find(tenantId, tenantId.hashCode());
  }

  /** Adds a tenant that is not in the table (the caller holds the writers' lock). */
  void add(String tenantId, int slot) {
    if (2 * (size + tombstones + 1) > table.keys.length) {
      rebuild(capacityFor(size + 1));
    }
    table.insert(tenantId, tenantId.hashCode(), slot);
    size = size + 1;
  }

  /** Removes the tenant's entry if it holds {@code slot} (the caller holds the writers' lock). */
  boolean remove(String tenantId, int slot) {
    if (table.remove(tenantId.hashCode(), slot)) {
      size = size - 1;
      tombstones++;
      return true;
    }
    return false;
  }

  /** Tenants in the table. */
  int size() {
    return size;
  }

  private void rebuild(int capacity) {
    Table old = table;
    Table rebuilt = new Table(capacity);
    for (int i = 0; i < old.keys.length; i++) {
      String key = old.keys[i];
      if (key != null && key != REMOVED) {
        rebuilt.insert(key, old.hashes[i], old.slots[i]);
      }
    }
    tombstones = 0;
    table = rebuilt;
  }

  /** A power of two at least twice the tenants: at most half full, so that a probe is short. */
  private static int capacityFor(int tenants) {
    return Math.max(MIN_CAPACITY, Integer.highestOneBit(Math.max(1, Math.min(tenants, 1 << 28)) * 2 - 1) << 1);
  }

  private static final class Table {
    final String[] keys;
    final int[] hashes;
    final int[] slots;
    final int shift;

    Table(int capacity) {
      keys = new String[capacity];
      hashes = new int[capacity];
      slots = new int[capacity];
      shift = Integer.numberOfLeadingZeros(capacity) + 1;
    }

    int find(String tenantId, int hash) {
      int mask = keys.length - 1;
      for (int i = home(hash); ; i = (i + 1) & mask) {
        String key = (String) KEYS.getAcquire(keys, i);
        if (key == tenantId) {
          return slots[i];
        }
        if (key == null) {
          return NONE;
        }
        if (key != REMOVED && hashes[i] == hash && key.equals(tenantId)) {
          return slots[i];
        }
      }
    }

    void insert(String tenantId, int hash, int slot) {
      int mask = keys.length - 1;
      int i = home(hash);
      while (keys[i] != null) {
        i = (i + 1) & mask;
      }
      hashes[i] = hash;
      slots[i] = slot;
      KEYS.setRelease(keys, i, tenantId);
    }

    boolean remove(int hash, int slot) {
      int mask = keys.length - 1;
      for (int i = home(hash); keys[i] != null; i = (i + 1) & mask) {
        if (keys[i] != REMOVED && slots[i] == slot) {
          KEYS.setRelease(keys, i, REMOVED);
          return true;
        }
      }
      return false;
    }

    /** Fibonacci hashing: the top bits of the hash times 2^32 / φ, so that ids like tenant-1, tenant-2 spread. */
    private int home(int hash) {
      return (hash * 0x9E3779B9) >>> shift;
    }
  }
}
