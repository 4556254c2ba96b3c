package dev.tenantwave.cli.release;

import java.util.ArrayList;
import java.util.List;

/**
 * Rows of text cells, each column as wide as its widest cell (the last is never padded), and notes between them:
 * lines printed as they are, which do not widen any column.
 */
final class Table {

  private record Line(String[] cells, String note) {}

  private final List<Line> lines = new ArrayList<>();

  Table row(Object... cells) {
    String[] text = new String[cells.length];
    for (int i = 0; i < cells.length; i++) {
      text[i] = cells[i] == null ? "-" : cells[i].toString();
    }
    lines.add(new Line(text, null));
    return this;
  }

  Table note(String text) {
    lines.add(new Line(null, text));
    return this;
  }

  String render(String indent) {
    int[] widths = new int[lines.stream().filter(l -> l.cells() != null).mapToInt(l -> l.cells().length).max()
        .orElse(0)];
    lines.stream().filter(l -> l.cells() != null).forEach(line -> {
      for (int i = 0; i < line.cells().length; i++) {
        widths[i] = Math.max(widths[i], line.cells()[i].length());
      }
    });
    StringBuilder text = new StringBuilder();
    for (Line line : lines) {
      if (line.note() != null) {
        text.append(line.note()).append('\n');
        continue;
      }
      StringBuilder row = new StringBuilder(indent);
      String[] cells = line.cells();
      for (int i = 0; i < cells.length; i++) {
        row.append(i == cells.length - 1 ? cells[i] : String.format("%-" + widths[i] + "s  ", cells[i]));
      }
      text.append(row.toString().stripTrailing()).append('\n');
    }
    return text.toString();
  }
}
