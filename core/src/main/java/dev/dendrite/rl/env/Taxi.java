package dev.dendrite.rl.env;

import dev.dendrite.rl.Transition;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The taxi problem of Dietterich (2000), as Gymnasium's {@code TaxiEnv} (registered as {@code
 * Taxi-v3}, 200-step limit; the deterministic default of v3 and v4): a 5x5 grid with walls and four
 * stands R, G, Y, B; 500 states encoded as {@code ((row * 5 + col) * 5 + passenger) * 4 +
 * destination}, passenger 4 meaning in the taxi. Actions 0 south, 1 north, 2 east, 3 west, 4 pick
 * up, 5 drop off; reward -1 per step, +20 for delivering (which terminates), -10 for an illegal
 * pick-up or drop-off. Episodes start with the passenger at a stand other than the destination.
 * {@code info} carries {@code "prob"} and {@code "action_mask"} (an {@code int[6]}, 1 where the
 * action changes the state).
 */
public final class Taxi extends ToyTextEnv {
  static final String[] MAP = {
    "+---------+",
    "|R: | : :G|",
    "| : | : : |",
    "| : : : : |",
    "| | : | : |",
    "|Y| : |B: |",
    "+---------+",
  };

  /** The stands R, G, Y, B as {row, col}. */
  public static final List<int[]> LOCS =
      List.of(new int[] {0, 0}, new int[] {0, 4}, new int[] {4, 0}, new int[] {4, 3});

  static final String[] ACTION_NAMES = {"South", "North", "East", "West", "Pickup", "Dropoff"};

  public Taxi() {
    super(500, 6, new double[500]);
    double[] init = new double[500];
    for (int row = 0; row < 5; row++)
      for (int col = 0; col < 5; col++)
        for (int pass = 0; pass < 5; pass++)
          for (int dest = 0; dest < 4; dest++) {
            int state = encode(row, col, pass, dest);
            if (pass < 4 && pass != dest) init[state] += 1;
            for (int action = 0; action < 6; action++)
              add(state, action, transition(row, col, pass, dest, action));
          }
    seal();
    double sum = 0;
    for (double v : init) sum += v;
    for (int i = 0; i < init.length; i++) init[i] /= sum;
    setInitial(init);
  }

  private static Transition transition(int row, int col, int pass, int dest, int action) {
    int newRow = row, newCol = col, newPass = pass;
    double reward = -1;
    boolean terminated = false;
    if (action == 0) newRow = Math.min(row + 1, 4);
    else if (action == 1) newRow = Math.max(row - 1, 0);
    if (action == 2 && MAP[1 + row].charAt(2 * col + 2) == ':') newCol = Math.min(col + 1, 4);
    else if (action == 3 && MAP[1 + row].charAt(2 * col) == ':') newCol = Math.max(col - 1, 0);
    else if (action == 4) {
      if (pass < 4 && at(row, col, pass)) newPass = 4;
      else reward = -10;
    } else if (action == 5) {
      int stand = standAt(row, col);
      if (stand == dest && pass == 4) {
        newPass = dest;
        terminated = true;
        reward = 20;
      } else if (stand >= 0 && pass == 4) newPass = stand;
      else reward = -10;
    }
    return new Transition(1.0, encode(newRow, newCol, newPass, dest), reward, terminated);
  }

  private static boolean at(int row, int col, int stand) {
    return LOCS.get(stand)[0] == row && LOCS.get(stand)[1] == col;
  }

  private static int standAt(int row, int col) {
    for (int i = 0; i < 4; i++) if (at(row, col, i)) return i;
    return -1;
  }

  /** The state number of (taxi row, taxi column, passenger location 0-4, destination 0-3). */
  public static int encode(int taxiRow, int taxiCol, int passLoc, int destIdx) {
    return ((taxiRow * 5 + taxiCol) * 5 + passLoc) * 4 + destIdx;
  }

  /** {taxi row, taxi column, passenger location, destination} of a state number. */
  public static int[] decode(int i) {
    return new int[] {i / 100, i / 20 % 5, i / 4 % 5, i % 4};
  }

  /** Gymnasium's {@code action_mask}: 1 for each action that changes the state. */
  public static int[] actionMask(int state) {
    int[] d = decode(state);
    int row = d[0], col = d[1], pass = d[2], dest = d[3];
    int[] mask = new int[6];
    if (row < 4) mask[0] = 1;
    if (row > 0) mask[1] = 1;
    if (col < 4 && MAP[row + 1].charAt(2 * col + 2) == ':') mask[2] = 1;
    if (col > 0 && MAP[row + 1].charAt(2 * col) == ':') mask[3] = 1;
    if (pass < 4 && at(row, col, pass)) mask[4] = 1;
    if (pass == 4 && (at(row, col, dest) || standAt(row, col) >= 0)) mask[5] = 1;
    return mask;
  }

  @Override
  public String id() {
    return "Taxi-v3";
  }

  @Override
  protected Map<String, Object> resetInfo() {
    return Map.of("prob", 1.0, "action_mask", actionMask(s));
  }

  @Override
  protected Map<String, Object> stepInfo(double prob) {
    Map<String, Object> m = new HashMap<>();
    m.put("prob", prob);
    m.put("action_mask", actionMask(s));
    return m;
  }

  /**
   * Gymnasium's map without colours: the taxi is {@code T} when empty and {@code @} with the
   * passenger aboard, the waiting passenger's stand letter is lower-cased, and the destination is
   * marked in the line below; then the last action.
   */
  @Override
  public String render() {
    char[][] out = new char[MAP.length][];
    for (int i = 0; i < MAP.length; i++) out[i] = MAP[i].toCharArray();
    int[] d = decode(s);
    int[] dest = LOCS.get(d[3]);
    if (d[2] < 4) {
      int[] p = LOCS.get(d[2]);
      out[1 + p[0]][2 * p[1] + 1] = Character.toLowerCase(out[1 + p[0]][2 * p[1] + 1]);
    }
    out[1 + d[0]][2 * d[1] + 1] = d[2] == 4 ? '@' : 'T';
    StringBuilder b = new StringBuilder();
    for (char[] line : out) b.append(line).append('\n');
    b.append("  passenger: ")
        .append(d[2] == 4 ? "in taxi" : "at " + "RGYB".charAt(d[2]))
        .append(", destination: ")
        .append("RGYB".charAt(d[3]))
        .append(" (row ")
        .append(dest[0])
        .append(", col ")
        .append(dest[1])
        .append(")\n");
    if (lastAction >= 0) b.append("  (").append(ACTION_NAMES[lastAction]).append(")\n");
    else b.append('\n');
    return b.toString();
  }

  @Override
  public BufferedImage frame() {
    int[] d = decode(s);
    BufferedImage img =
        GridPicture.draw(
            5,
            5,
            (r, c) -> {
              int stand = standAt(r, c);
              if (stand == d[3]) return new Color(250, 215, 215);
              return stand >= 0 ? new Color(225, 225, 225) : new Color(245, 245, 245);
            },
            (r, c) -> standAt(r, c) >= 0 ? String.valueOf("RGYB".charAt(standAt(r, c))) : "",
            -1,
            -1);
    Graphics2D g = img.createGraphics();
    int cell = GridPicture.CELL;
    g.setStroke(new BasicStroke(5f));
    g.setColor(Color.BLACK);
    for (int r = 0; r < 5; r++)
      for (int c = 0; c < 4; c++)
        if (MAP[1 + r].charAt(2 * c + 2) == '|')
          g.drawLine((c + 1) * cell, r * cell, (c + 1) * cell, (r + 1) * cell);
    g.setColor(d[2] == 4 ? new Color(40, 160, 40) : new Color(230, 180, 0));
    g.fillRect(d[1] * cell + cell / 4, d[0] * cell + cell / 3, cell / 2, cell / 3);
    if (d[2] < 4) {
      int[] p = LOCS.get(d[2]);
      g.setColor(new Color(40, 80, 220));
      g.fillOval(p[1] * cell + cell * 5 / 8, p[0] * cell + cell / 8, cell / 4, cell / 4);
    }
    g.dispose();
    return img;
  }
}
