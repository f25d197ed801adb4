package dev.dendrite.rl.env;

import dev.dendrite.rl.AbstractEnv;
import dev.dendrite.rl.Reset;
import dev.dendrite.rl.Step;
import dev.dendrite.rl.space.Box;
import dev.dendrite.rl.space.Discrete;
import dev.dendrite.rl.space.Space;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Locale;
import java.util.Map;

/**
 * The two-link acrobot of Sutton (1996), step for step as Gymnasium's {@code AcrobotEnv}
 * (registered as {@code Acrobot-v1} with a 500-step {@code TimeLimit}): the book's dynamics (Sutton
 * and Barto), integrated over {@code dt = 0.2} by one fourth-order Runge–Kutta step; torque {@code
 * -1, 0, +1} on the joint between the links; angles wrapped to {@code [-pi, pi]}, angular
 * velocities clipped to {@code ±4 pi} and {@code ±9 pi}; reward -1 per step and 0 on the step that
 * swings the tip above the bar ({@code -cos(t1) - cos(t1 + t2) > 1}), which terminates. The start
 * state is {@code uniform(-0.1, 0.1)} in all four variables, rounded to float32 as Gymnasium does.
 * Observations are {@code [cos t1, sin t1, cos t2, sin t2, dt1, dt2]} rounded to float32.
 */
public final class Acrobot extends AbstractEnv<double[], Integer> {
  static final double DT = 0.2;
  static final double LINK_LENGTH_1 = 1.0;
  static final double LINK_MASS_1 = 1.0;
  static final double LINK_MASS_2 = 1.0;
  static final double LINK_COM_POS_1 = 0.5;
  static final double LINK_COM_POS_2 = 0.5;
  static final double LINK_MOI = 1.0;
  static final double MAX_VEL_1 = 4 * Math.PI;
  static final double MAX_VEL_2 = 9 * Math.PI;
  static final double[] AVAIL_TORQUE = {-1.0, 0.0, +1};

  private static final Box OBSERVATION_SPACE =
      new Box(
          new double[] {-1, -1, -1, -1, -(float) MAX_VEL_1, -(float) MAX_VEL_2},
          new double[] {1, 1, 1, 1, (float) MAX_VEL_1, (float) MAX_VEL_2});
  private static final Discrete ACTION_SPACE = new Discrete(3);

  private double[] state = new double[4]; // theta1, theta2, dtheta1, dtheta2

  @Override
  public String id() {
    return "Acrobot-v1";
  }

  @Override
  public Space<double[]> observationSpace() {
    return OBSERVATION_SPACE;
  }

  @Override
  public Space<Integer> actionSpace() {
    return ACTION_SPACE;
  }

  /** The float64 state {@code [theta1, theta2, dtheta1, dtheta2]} (a copy). */
  public double[] state() {
    return state.clone();
  }

  /** Starts an episode from the given {@code [theta1, theta2, dtheta1, dtheta2]}. */
  public Reset<double[]> resetTo(double[] initial) {
    if (initial.length != 4)
      throw new IllegalArgumentException(
          id()
              + ": a state has 4 values (theta1, theta2, dtheta1, dtheta2), got "
              + initial.length);
    reset(0);
    state = initial.clone();
    return new Reset<>(observation(), Map.of());
  }

  @Override
  protected Reset<double[]> onReset() {
    for (int i = 0; i < 4; i++) state[i] = (float) (-0.1 + 0.2 * rng.nextDouble());
    return new Reset<>(observation(), Map.of());
  }

  @Override
  protected Step<double[]> onStep(Integer action) {
    double torque = AVAIL_TORQUE[action];
    double[] ns = rk4(state, torque);
    ns[0] = wrap(ns[0], -Math.PI, Math.PI);
    ns[1] = wrap(ns[1], -Math.PI, Math.PI);
    ns[2] = Math.min(Math.max(ns[2], -MAX_VEL_1), MAX_VEL_1);
    ns[3] = Math.min(Math.max(ns[3], -MAX_VEL_2), MAX_VEL_2);
    state = ns;
    boolean terminated = -StrictMath.cos(state[0]) - StrictMath.cos(state[1] + state[0]) > 1.0;
    return new Step<>(observation(), terminated ? 0.0 : -1.0, terminated, false, Map.of());
  }

  /** One Runge–Kutta step over {@code [0, DT]}, summed in Gymnasium's order. */
  private static double[] rk4(double[] y0, double torque) {
    double dt = DT - 0.0;
    double dt2 = dt / 2.0;
    double[] k1 = dsdt(y0, torque);
    double[] k2 = dsdt(axpy(y0, dt2, k1), torque);
    double[] k3 = dsdt(axpy(y0, dt2, k2), torque);
    double[] k4 = dsdt(axpy(y0, dt, k3), torque);
    double[] y = new double[4];
    for (int i = 0; i < 4; i++) y[i] = y0[i] + dt / 6.0 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
    return y;
  }

  private static double[] axpy(double[] y, double a, double[] k) {
    double[] r = new double[4];
    for (int i = 0; i < 4; i++) r[i] = y[i] + a * k[i];
    return r;
  }

  /** The book's equations of motion, with Gymnasium's order of operations. */
  private static double[] dsdt(double[] s, double a) {
    double m1 = LINK_MASS_1;
    double m2 = LINK_MASS_2;
    double l1 = LINK_LENGTH_1;
    double lc1 = LINK_COM_POS_1;
    double lc2 = LINK_COM_POS_2;
    double i1 = LINK_MOI;
    double i2 = LINK_MOI;
    double g = 9.8;
    double theta1 = s[0];
    double theta2 = s[1];
    double dtheta1 = s[2];
    double dtheta2 = s[3];
    double cos2 = StrictMath.cos(theta2);
    double sin2 = StrictMath.sin(theta2);
    double d1 = m1 * (lc1 * lc1) + m2 * (l1 * l1 + lc2 * lc2 + 2 * l1 * lc2 * cos2) + i1 + i2;
    double d2 = m2 * (lc2 * lc2 + l1 * lc2 * cos2) + i2;
    double phi2 = m2 * lc2 * g * StrictMath.cos(theta1 + theta2 - Math.PI / 2.0);
    double phi1 =
        -m2 * l1 * lc2 * (dtheta2 * dtheta2) * sin2
            - 2 * m2 * l1 * lc2 * dtheta2 * dtheta1 * sin2
            + (m1 * lc1 + m2 * l1) * g * StrictMath.cos(theta1 - Math.PI / 2)
            + phi2;
    double ddtheta2 =
        (a + d2 / d1 * phi1 - m2 * l1 * lc2 * (dtheta1 * dtheta1) * sin2 - phi2)
            / (m2 * (lc2 * lc2) + i2 - (d2 * d2) / d1);
    double ddtheta1 = -(d2 * ddtheta2 + phi1) / d1;
    return new double[] {dtheta1, dtheta2, ddtheta1, ddtheta2};
  }

  private static double wrap(double x, double m, double big) {
    double diff = big - m;
    while (x > big) x = x - diff;
    while (x < m) x = x + diff;
    return x;
  }

  private double[] observation() {
    return new double[] {
      (float) StrictMath.cos(state[0]),
      (float) StrictMath.sin(state[0]),
      (float) StrictMath.cos(state[1]),
      (float) StrictMath.sin(state[1]),
      (float) state[2],
      (float) state[3]
    };
  }

  /** The angles, velocities and the tip's height above the pivot (it must exceed 1). */
  @Override
  public String render() {
    double height = -StrictMath.cos(state[0]) - StrictMath.cos(state[1] + state[0]);
    return String.format(
        Locale.ROOT,
        "theta1=%+.4f theta2=%+.4f dtheta1=%+.4f dtheta2=%+.4f tip height=%+.3f (goal > 1)%n",
        state[0],
        state[1],
        state[2],
        state[3],
        height);
  }

  /** Gymnasium's picture: 500 by 500, the two links hanging from the pivot, the goal line. */
  @Override
  public BufferedImage frame() {
    System.setProperty("java.awt.headless", "true");
    int size = 500;
    double bound = LINK_LENGTH_1 + 1.0 + 0.2; // both links and a margin
    double scale = size / (bound * 2);
    double ox = size / 2.0, oy = size / 2.0;
    BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, size, size);
    g.setColor(Color.BLACK);
    int goal = (int) (oy - 1.0 * scale);
    g.drawLine((int) (ox - 2.2 * scale), goal, (int) (ox + 2.2 * scale), goal);
    // The first link hangs down at theta1 = 0; the second is at theta1 + theta2.
    double x1 = ox + LINK_LENGTH_1 * Math.sin(state[0]) * scale;
    double y1 = oy + LINK_LENGTH_1 * Math.cos(state[0]) * scale;
    double x2 = x1 + Math.sin(state[0] + state[1]) * scale;
    double y2 = y1 + Math.cos(state[0] + state[1]) * scale;
    g.setColor(new Color(0, 204, 204));
    g.setStroke(
        new BasicStroke((float) (0.2 * scale), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    g.drawLine((int) ox, (int) oy, (int) x1, (int) y1);
    g.drawLine((int) x1, (int) y1, (int) x2, (int) y2);
    g.setColor(new Color(204, 204, 0));
    int r = (int) (0.1 * scale);
    g.fillOval((int) ox - r, (int) oy - r, 2 * r, 2 * r);
    g.fillOval((int) x1 - r, (int) y1 - r, 2 * r, 2 * r);
    g.dispose();
    return img;
  }
}
