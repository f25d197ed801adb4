package dev.dendrite.rl.env;

import dev.dendrite.rl.Transition;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;

/**
 * Crossing a frozen lake from {@code S} to the goal {@code G} without falling into a hole {@code
 * H}, as Gymnasium's {@code FrozenLakeEnv}: actions 0 left, 1 down, 2 right, 3 up; reward 1 on
 * reaching the goal, 0 otherwise; holes and the goal terminate. On slippery ice the intended move
 * succeeds with probability 1/3 and each perpendicular move happens with probability 1/3.
 * Registered as {@code FrozenLake-v1} (4x4, 100-step limit) and {@code FrozenLake8x8-v1} (200).
 */
public final class FrozenLake extends ToyTextEnv {
  /** Gymnasium's built-in maps. */
  public static final Map<String, List<String>> MAPS =
      Map.of(
          "4x4",
          List.of("SFFF", "FHFH", "FFFH", "HFFG"),
          "8x8",
          List.of(
              "SFFFFFFF",
              "FFFFFFFF",
              "FFFHFFFF",
              "FFFFFHFF",
              "FFFHFFFF",
              "FHHFFFHF",
              "FHFFHFHF",
              "FFFHFFFG"));

  public static final int LEFT = 0, DOWN = 1, RIGHT = 2, UP = 3;
  static final String[] ACTION_NAMES = {"Left", "Down", "Right", "Up"};

  private final char[][] desc;
  private final int nrow;
  private final int ncol;
  private final boolean slippery;
  private final String id;

  /** A built-in map ({@code "4x4"} or {@code "8x8"}), slippery or not. */
  public FrozenLake(String mapName, boolean slippery) {
    this(mapOf(mapName), slippery);
  }

  /** A map of rows of {@code S}, {@code F}, {@code H}, {@code G}, slippery or not. */
  public FrozenLake(List<String> map, boolean slippery) {
    this(
        map,
        slippery,
        map.size() == 8 && map.get(0).length() == 8 ? "FrozenLake8x8-v1" : "FrozenLake-v1");
  }

  /** The same, named {@code id} (as the registry names it) in messages. */
  public FrozenLake(List<String> map, boolean slippery, String id) {
    super(map.size() * map.get(0).length(), 4, initial(map));
    this.id = id;
    this.nrow = map.size();
    this.ncol = map.get(0).length();
    this.slippery = slippery;
    this.desc = new char[nrow][];
    for (int r = 0; r < nrow; r++) {
      desc[r] = map.get(r).toCharArray();
      if (desc[r].length != ncol)
        throw new IllegalArgumentException(
            "FrozenLake: row " + r + " has " + desc[r].length + " cells, row 0 has " + ncol);
      for (char c : desc[r])
        if ("SFHG".indexOf(c) < 0)
          throw new IllegalArgumentException(
              "FrozenLake: row " + r + " has '" + c + "'; cells are S, F, H or G");
    }
    double success = 1.0 / 3.0;
    double fail = (1.0 - success) / 2.0;
    for (int row = 0; row < nrow; row++)
      for (int col = 0; col < ncol; col++) {
        int s = row * ncol + col;
        for (int a = 0; a < 4; a++) {
          char letter = desc[row][col];
          if (letter == 'G' || letter == 'H') add(s, a, new Transition(1.0, s, 0, true));
          else if (slippery)
            for (int b : new int[] {(a + 3) % 4, a, (a + 1) % 4})
              add(s, a, move(row, col, b, b == a ? success : fail));
          else add(s, a, move(row, col, a, 1.0));
        }
      }
    seal();
  }

  /** A built-in map by name. */
  public static List<String> mapOf(String name) {
    List<String> m = MAPS.get(name);
    if (m == null)
      throw new IllegalArgumentException(
          "FrozenLake: unknown map_name '" + name + "'; known: 4x4, 8x8");
    return m;
  }

  private static double[] initial(List<String> map) {
    int ncol = map.get(0).length();
    double[] p = new double[map.size() * ncol];
    int starts = 0;
    for (int r = 0; r < map.size(); r++)
      for (int c = 0; c < map.get(r).length(); c++)
        if (map.get(r).charAt(c) == 'S') {
          p[r * ncol + c] = 1;
          starts++;
        }
    if (starts == 0) throw new IllegalArgumentException("FrozenLake: the map has no start S");
    for (int i = 0; i < p.length; i++) p[i] /= starts;
    return p;
  }

  private Transition move(int row, int col, int a, double prob) {
    switch (a) {
      case LEFT -> col = Math.max(col - 1, 0);
      case DOWN -> row = Math.min(row + 1, nrow - 1);
      case RIGHT -> col = Math.min(col + 1, ncol - 1);
      default -> row = Math.max(row - 1, 0);
    }
    char letter = desc[row][col];
    return new Transition(
        prob, row * ncol + col, letter == 'G' ? 1 : 0, letter == 'G' || letter == 'H');
  }

  @Override
  public String id() {
    return id;
  }

  /** Whether the ice is slippery. */
  public boolean slippery() {
    return slippery;
  }

  /** The number of rows of the map. */
  public int rows() {
    return nrow;
  }

  /** The number of columns of the map. */
  public int cols() {
    return ncol;
  }

  /** The letter of a cell: S, F, H or G. */
  public char cell(int row, int col) {
    return desc[row][col];
  }

  /**
   * The last action in parentheses (after the first step), then the map with the agent's cell in
   * brackets.
   */
  @Override
  public String render() {
    StringBuilder b = new StringBuilder();
    if (lastAction >= 0) b.append("  (").append(ACTION_NAMES[lastAction]).append(")\n");
    for (int r = 0; r < nrow; r++) {
      for (int c = 0; c < ncol; c++) {
        boolean here = r * ncol + c == s;
        b.append(here ? '[' : ' ').append(desc[r][c]).append(here ? ']' : ' ');
      }
      b.append('\n');
    }
    return b.toString();
  }

  @Override
  public BufferedImage frame() {
    return picture(s / ncol, s % ncol);
  }

  /** The lake without the agent, for drawing policies on. */
  public BufferedImage mapPicture() {
    return picture(-1, -1);
  }

  private BufferedImage picture(int agentRow, int agentCol) {
    return GridPicture.draw(
        nrow,
        ncol,
        (r, c) ->
            switch (desc[r][c]) {
              case 'H' -> new Color(30, 60, 110);
              case 'G' -> new Color(240, 200, 40);
              case 'S' -> new Color(200, 225, 245);
              default -> new Color(225, 240, 250);
            },
        (r, c) -> String.valueOf(desc[r][c]),
        agentRow,
        agentCol);
  }
}
