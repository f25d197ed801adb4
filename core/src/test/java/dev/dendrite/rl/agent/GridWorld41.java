package dev.dendrite.rl.agent;

import dev.dendrite.rl.TabularModel;
import dev.dendrite.rl.Transition;
import java.util.List;

/**
 * The 4x4 grid world of Sutton and Barto's Example 4.1: states 0 and 15 are the terminal corners,
 * every move costs -1, moves off the grid leave the state unchanged. Actions up, right, down, left.
 */
final class GridWorld41 implements TabularModel {
  @Override
  public int numStates() {
    return 16;
  }

  @Override
  public int numActions() {
    return 4;
  }

  @Override
  public List<Transition> transitions(int s, int a) {
    if (s == 0 || s == 15) return List.of(new Transition(1, s, 0, true));
    int r = s / 4, c = s % 4;
    int[][] d = {{-1, 0}, {0, 1}, {1, 0}, {0, -1}};
    int nr = r + d[a][0], nc = c + d[a][1];
    if (nr < 0 || nr > 3 || nc < 0 || nc > 3) {
      nr = r;
      nc = c;
    }
    int next = nr * 4 + nc;
    return List.of(new Transition(1, next, -1, next == 0 || next == 15));
  }
}
