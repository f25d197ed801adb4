package dev.dendrite.rl.env;

import dev.dendrite.rl.Transition;
import java.awt.Color;
import java.awt.image.BufferedImage;

/**
 * The cliff walk of Sutton and Barto (Example 6.6), as Gymnasium's {@code CliffWalkingEnv}
 * (registered as {@code CliffWalking-v0}, no time limit): a 4x12 grid, start at the bottom-left,
 * goal at the bottom-right, the cells between them a cliff. Actions 0 up, 1 right, 2 down, 3 left;
 * reward -1 per step and -100 for stepping into the cliff, which sends the agent back to the start
 * without ending the episode; reaching the goal terminates. With {@code slippery} (Gymnasium's
 * {@code is_slippery}, registered as {@code CliffWalkingSlippery-v1}) the intended move and each
 * perpendicular one happen with probability 1/3.
 */
public final class CliffWalking extends ToyTextEnv {
  public static final int UP = 0, RIGHT = 1, DOWN = 2, LEFT = 3;
  public static final int ROWS = 4, COLS = 12;

  /** The start state, (3, 0). */
  public static final int START = 3 * COLS;

  /** The goal state, (3, 11). */
  public static final int GOAL = 3 * COLS + COLS - 1;

  private static final int[][] DELTA = {{-1, 0}, {0, 1}, {1, 0}, {0, -1}};
  private final boolean slippery;

  /** The deterministic cliff walk. */
  public CliffWalking() {
    this(false);
  }

  public CliffWalking(boolean slippery) {
    super(ROWS * COLS, 4, startOnly());
    this.slippery = slippery;
    for (int s = 0; s < ROWS * COLS; s++)
      for (int a = 0; a < 4; a++) {
        int[] moves = slippery ? new int[] {(a + 3) % 4, a, (a + 1) % 4} : new int[] {a};
        for (int m : moves) add(s, a, outcome(s / COLS, s % COLS, m, 1.0 / moves.length));
      }
    seal();
  }

  private static double[] startOnly() {
    double[] p = new double[ROWS * COLS];
    p[START] = 1.0;
    return p;
  }

  /** Whether a cell is part of the cliff. */
  public static boolean isCliff(int row, int col) {
    return row == ROWS - 1 && col >= 1 && col <= COLS - 2;
  }

  private static Transition outcome(int row, int col, int move, double prob) {
    int r = Math.max(0, Math.min(ROWS - 1, row + DELTA[move][0]));
    int c = Math.max(0, Math.min(COLS - 1, col + DELTA[move][1]));
    if (isCliff(r, c)) return new Transition(prob, START, -100, false);
    int next = r * COLS + c;
    return new Transition(prob, next, -1, next == GOAL);
  }

  @Override
  public String id() {
    return slippery ? "CliffWalkingSlippery-v1" : "CliffWalking-v0";
  }

  /**
   * Gymnasium's text: {@code x} the agent, {@code T} the goal, {@code C} the cliff, {@code o} the
   * rest.
   */
  @Override
  public String render() {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < ROWS * COLS; i++) {
      int r = i / COLS, c = i % COLS;
      String out = s == i ? " x " : i == GOAL ? " T " : isCliff(r, c) ? " C " : " o ";
      if (c == 0) out = out.stripLeading();
      if (c == COLS - 1) out = out.stripTrailing() + "\n";
      b.append(out);
    }
    return b.append('\n').toString();
  }

  @Override
  public BufferedImage frame() {
    return GridPicture.draw(
        ROWS,
        COLS,
        (r, c) ->
            isCliff(r, c)
                ? new Color(90, 70, 60)
                : r * COLS + c == GOAL
                    ? new Color(240, 200, 40)
                    : r * COLS + c == START ? new Color(200, 225, 245) : new Color(235, 240, 235),
        (r, c) ->
            isCliff(r, c) ? "C" : r * COLS + c == GOAL ? "G" : r * COLS + c == START ? "S" : "",
        s / COLS,
        s % COLS);
  }
}
