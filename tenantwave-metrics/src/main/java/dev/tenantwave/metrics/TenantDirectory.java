package dev.tenantwave.metrics;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Tenant id → its {@link TenantSlot}: an open-addressing table that the request path reads without a lock or an
 * atomic. A lookup compares the caller's string by identity first, so a caller that passes the same {@code String}
 * instance each time (an id from a catalog, a constant) never reads the stored key; another instance is compared by
 * hash, then {@code equals}. Keys, hashes and slots lie in three flat arrays (a few hundred KB at 10,000 tenants),
 * not in a node per entry, so a lookup costs cache lines that stay warm rather than a chain of objects.
 *
 * <p>Writers hold the directory's lock. An entry is written slots-and-hashes first and its key last, with release
 * semantics, and read key first with acquire semantics, so a reader that sees a key sees its slot. Positions are
 * never reused: a removed tenant leaves a tombstone (its slot cleared), and the table is rebuilt, and published
 * anew, once tombstones and tenants fill half of it. A reader on an outdated table may find a retired slot; the slot
 * says so under its own lock and the caller looks again.
 */
final class TenantDirectory {

  private static final VarHandle KEYS = MethodHandles.arrayElementVarHandle(String[].class);
  private static final String REMOVED = new String("(removed)");
  private static final int MIN_CAPACITY = 16;

  private volatile Table table;
  private volatile int size;
  private int tombstones;
  private long recordedByRemoved;

  TenantDirectory(int expectedTenants) {
    this.table = new Table(capacityFor(expectedTenants));
  }

  /** The tenant's slot, or null if it has none (or a reader raced its removal: the caller then asks under a lock). */
  TenantSlot find(String tenantId) {
    return table.find(tenantId, tenantId.hashCode());
  }

  /** The tenant's slot, admitted by {@code create} if it has none; null if {@code create} refuses it. */
  synchronized TenantSlot findOrAdd(String tenantId, Function<String, TenantSlot> create) {
    int hash = tenantId.hashCode();
    TenantSlot slot = table.find(tenantId, hash);
    if (slot != null) {
      return slot;
    }
    slot = create.apply(tenantId);
    if (slot == null) {
      return null;
    }
    if (2 * (size + tombstones + 1) > table.keys.length) {
      rebuild(capacityFor(size + 1));
    }
    table.insert(tenantId, hash, slot);
    size = size + 1;
    return slot;
  }

  /** Removes the tenant's entry if it still holds {@code slot}. */
  synchronized boolean remove(TenantSlot slot) {
    if (table.remove(slot.tenantId(), slot.tenantId().hashCode(), slot)) {
      size = size - 1;
      tombstones++;
      recordedByRemoved += slot.recorded();
      return true;
    }
    return false;
  }

  /** Tenants in the table. */
  int size() {
    return size;
  }

  /**
   * Requests recorded by every slot ever in the table: exact once recording has stopped, a moment behind while it
   * goes on (the slots' counters are read without their locks).
   */
  synchronized long recorded() {
    long sum = recordedByRemoved;
    Table current = table;
    for (TenantSlot slot : current.slots) {
      if (slot != null) {
        sum += slot.recorded();
      }
    }
    return sum;
  }

  /** Every slot in the table as it is now. */
  void forEach(Consumer<TenantSlot> action) {
    Table current = table;
    for (int i = 0; i < current.keys.length; i++) {
      Object key = KEYS.getAcquire(current.keys, i);
      TenantSlot slot = current.slots[i];
      if (key != null && key != REMOVED && slot != null) {
        action.accept(slot);
      }
    }
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
    final TenantSlot[] slots;
    final int shift;

    Table(int capacity) {
      keys = new String[capacity];
      hashes = new int[capacity];
      slots = new TenantSlot[capacity];
      shift = Integer.numberOfLeadingZeros(capacity) + 1;
    }

    TenantSlot find(String tenantId, int hash) {
      int mask = keys.length - 1;
      for (int i = home(hash); ; i = (i + 1) & mask) {
        String key = (String) KEYS.getAcquire(keys, i);
        if (key == tenantId) {
          return slots[i];
        }
        if (key == null) {
          return null;
        }
        if (key != REMOVED && hashes[i] == hash && key.equals(tenantId)) {
          return slots[i];
        }
      }
    }

    /** Under the directory's lock, for a tenant not in the table. */
    void insert(String tenantId, int hash, TenantSlot slot) {
      int mask = keys.length - 1;
      int i = home(hash);
      while (keys[i] != null) {
        i = (i + 1) & mask;
      }
      hashes[i] = hash;
      slots[i] = slot;
      KEYS.setRelease(keys, i, tenantId);
    }

    /** Under the directory's lock. */
    boolean remove(String tenantId, int hash, TenantSlot slot) {
      int mask = keys.length - 1;
      for (int i = home(hash); keys[i] != null; i = (i + 1) & mask) {
        if (slots[i] == slot) {
          slots[i] = null;
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
