package dev.tenantwave.gate.judging;

import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * A read-only {@code List<Integer>} over an {@code int[]}: what the gate's metrics reader decodes a sketch's bin
 * indexes into, so that {@link WindowTotals} and the validation read them without a boxed value per bin.
 */
public final class IntList extends AbstractList<Integer> implements RandomAccess {

  private final int[] values;
  private final int size;

  /** The first {@code size} values of {@code values} (the array is kept, not copied). */
  public IntList(int[] values, int size) {
    if (size < 0 || size > values.length) {
      throw new IllegalArgumentException("size " + size + " outside 0.." + values.length);
    }
    this.values = values;
    this.size = size;
  }

  public int getInt(int index) {
    return values[checked(index, size)];
  }

  @Override
  public Integer get(int index) {
    return getInt(index);
  }

  @Override
  public int size() {
    return size;
  }

  /** The value at {@code index} of a list that may be an {@link IntList}, unboxed. */
  static int intAt(java.util.List<Integer> list, int index) {
    return list instanceof IntList ints ? ints.getInt(index) : list.get(index);
  }

  static int checked(int index, int size) {
    if (index < 0 || index >= size) {
      throw new IndexOutOfBoundsException("index " + index + ", size " + size);
    }
    return index;
  }
}
