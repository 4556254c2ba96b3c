package dev.tenantwave.cli.release;

import dev.tenantwave.cli.release.ReleaseFeed.ReleaseUpdate;
import java.io.PrintWriter;
import java.util.function.Function;

/** Shows each state of a watched release once: redrawn in place on a terminal, else one more line per change. */
final class WatchDisplay {

  /** Cursor home, then erase the screen. */
  static final String CLEAR_SCREEN = "\033[H\033[2J";

  private final PrintWriter out;
  private final Function<ReleaseUpdate, String> render;
  private final boolean redraw;
  private String shown;

  private WatchDisplay(PrintWriter out, Function<ReleaseUpdate, String> render, boolean redraw) {
    this.out = out;
    this.render = render;
    this.redraw = redraw;
  }

  static WatchDisplay redrawing(PrintWriter out) {
    return new WatchDisplay(out, update -> ReleaseText.of(update.release()), true);
  }

  static WatchDisplay lines(PrintWriter out) {
    return new WatchDisplay(out, update -> ReleaseText.line(update.release()) + "\n", false);
  }

  static WatchDisplay json(PrintWriter out) {
    return new WatchDisplay(out, update -> update.document().strip() + "\n", false);
  }

  void show(ReleaseUpdate update) {
    String text = render.apply(update);
    if (text.equals(shown)) {
      return;
    }
    shown = text;
    out.print(redraw ? CLEAR_SCREEN + text : text);
    out.flush();
  }
}
