package dev.tenantwave.gate.judging;

import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * A read-only {@code List<Double>} over a {@code double[]}: what the gate's metrics reader decodes a sketch's bin
 * counts into, so that {@link WindowTotals} and the validation read them without a boxed value per bin.
 */
public final class DoubleList extends AbstractList<Double> implements RandomAccess {

  private final double[] values;
  private final int size;

  /** The first {@code size} values of {@code values} (the array is kept, not copied). */
  public DoubleList(double[] values, int size) {
    if (size < 0 || size > values.length) {
      throw new IllegalArgumentException("size " + size + " outside 0.." + values.length);
    }
    this.values = values;
    this.size = size;
  }

  public double getDouble(int index) {
    return values[IntList.checked(index, size)];
  }

  @Override
  public Double get(int index) {
    return getDouble(index);
  }

  @Override
  public int size() {
    return size;
  }

  /** The value at {@code index} of a list that may be a {@link DoubleList}, unboxed. */
  static double doubleAt(java.util.List<Double> list, int index) {
    return list instanceof DoubleList doubles ? doubles.getDouble(index) : list.get(index);
  }
}
