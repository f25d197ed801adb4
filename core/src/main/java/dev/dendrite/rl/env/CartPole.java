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
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.Locale;
import java.util.Map;

/**
 * The cart-pole of Barto, Sutton and Anderson (1983), step for step as Gymnasium's {@code
 * CartPoleEnv} (registered as {@code CartPole-v1} with a 500-step {@code TimeLimit}): explicit
 * Euler with {@code tau = 0.02}, force {@code ±10} (action 1 pushes right), reward 1 on every step
 * including the terminating one, termination when {@code |x| > 2.4} or {@code |theta| > 12°}, and
 * each state variable drawn from {@code uniform(-0.05, 0.05)} at reset.
 *
 * <p>The state is kept in float64; observations are that state rounded to float32 (Gymnasium
 * returns a float32 array), held in a {@code double[]}.
 */
public final class CartPole extends AbstractEnv<double[], Integer> {
  static final double GRAVITY = 9.8;
  static final double MASS_CART = 1.0;
  static final double MASS_POLE = 0.1;
  static final double TOTAL_MASS = MASS_POLE + MASS_CART;
  static final double LENGTH = 0.5; // half the pole's length
  static final double POLEMASS_LENGTH = MASS_POLE * LENGTH;
  static final double FORCE_MAG = 10.0;
  static final double TAU = 0.02;

  /** Termination angle, 12 degrees in radians. */
  public static final double THETA_THRESHOLD = 12 * 2 * Math.PI / 360;

  /** Termination distance of the cart from the centre. */
  public static final double X_THRESHOLD = 2.4;

  private static final Box OBSERVATION_SPACE =
      new Box(
          new double[] {
            -(float) (X_THRESHOLD * 2),
            Double.NEGATIVE_INFINITY,
            -(float) (THETA_THRESHOLD * 2),
            Double.NEGATIVE_INFINITY
          },
          new double[] {
            (float) (X_THRESHOLD * 2),
            Double.POSITIVE_INFINITY,
            (float) (THETA_THRESHOLD * 2),
            Double.POSITIVE_INFINITY
          });
  private static final Discrete ACTION_SPACE = new Discrete(2);

  private final double[] state = new double[4]; // x, x_dot, theta, theta_dot

  @Override
  public String id() {
    return "CartPole-v1";
  }

  @Override
  public Space<double[]> observationSpace() {
    return OBSERVATION_SPACE;
  }

  @Override
  public Space<Integer> actionSpace() {
    return ACTION_SPACE;
  }

  /** The float64 state {@code [x, x_dot, theta, theta_dot]} (a copy). */
  public double[] state() {
    return state.clone();
  }

  /**
   * Starts an episode from the given state {@code [x, x_dot, theta, theta_dot]} instead of a random
   * one (for tests and planning; the generator is left as it is).
   */
  public Reset<double[]> resetTo(double[] initial) {
    if (initial.length != 4)
      throw new IllegalArgumentException(
          id() + ": a state has 4 values (x, x_dot, theta, theta_dot), got " + initial.length);
    reset(0);
    System.arraycopy(initial, 0, state, 0, 4);
    return new Reset<>(observation(), Map.of());
  }

  @Override
  protected Reset<double[]> onReset() {
    for (int i = 0; i < 4; i++) state[i] = -0.05 + 0.1 * rng.nextDouble();
    return new Reset<>(observation(), Map.of());
  }

  @Override
  protected Step<double[]> onStep(Integer action) {
    double x = state[0];
    double xDot = state[1];
    double theta = state[2];
    double thetaDot = state[3];
    double force = action == 1 ? FORCE_MAG : -FORCE_MAG;
    double cos = StrictMath.cos(theta);
    double sin = StrictMath.sin(theta);
    double temp = (force + POLEMASS_LENGTH * (thetaDot * thetaDot) * sin) / TOTAL_MASS;
    double thetaAcc =
        (GRAVITY * sin - cos * temp)
            / (LENGTH * (4.0 / 3.0 - MASS_POLE * (cos * cos) / TOTAL_MASS));
    double xAcc = temp - POLEMASS_LENGTH * thetaAcc * cos / TOTAL_MASS;
    state[0] = x + TAU * xDot;
    state[1] = xDot + TAU * xAcc;
    state[2] = theta + TAU * thetaDot;
    state[3] = thetaDot + TAU * thetaAcc;
    boolean terminated =
        state[0] < -X_THRESHOLD
            || state[0] > X_THRESHOLD
            || state[2] < -THETA_THRESHOLD
            || state[2] > THETA_THRESHOLD;
    return new Step<>(observation(), 1.0, terminated, false, Map.of());
  }

  private double[] observation() {
    double[] o = new double[4];
    for (int i = 0; i < 4; i++) o[i] = (float) state[i];
    return o;
  }

  /**
   * One line: the track from -2.4 to 2.4 with the cart ({@code #}) and the pole leaning as {@code
   * /}, {@code |} or {@code \}, then the state.
   */
  @Override
  public String render() {
    int width = 49;
    char[] track = new char[width];
    java.util.Arrays.fill(track, '-');
    int c = (int) Math.round((state[0] + X_THRESHOLD) / (2 * X_THRESHOLD) * (width - 1));
    c = Math.max(0, Math.min(width - 1, c));
    track[c] = '#';
    char pole = state[2] > 0.02 ? '/' : state[2] < -0.02 ? '\\' : '|';
    char[] top = new char[width];
    java.util.Arrays.fill(top, ' ');
    top[c] = pole;
    return new String(top).stripTrailing()
        + "\n"
        + "["
        + new String(track)
        + "]"
        + String.format(
            Locale.ROOT,
            "  x=%+.4f x_dot=%+.4f theta=%+.4f theta_dot=%+.4f%n",
            state[0],
            state[1],
            state[2],
            state[3]);
  }

  /** Gymnasium's picture: 600 by 400, the black cart on its track, the tan pole, the axle. */
  @Override
  public BufferedImage frame() {
    System.setProperty("java.awt.headless", "true");
    int w = 600, h = 400;
    double scale = w / (X_THRESHOLD * 2);
    double poleWidth = 10, poleLen = scale * (2 * LENGTH), cartWidth = 50, cartHeight = 30;
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, w, h);
    double cartX = state[0] * scale + w / 2.0;
    double cartTop = h - 100; // Gymnasium draws y upwards from the bottom
    g.setColor(Color.BLACK);
    g.drawLine(0, (int) cartTop, w, (int) cartTop);
    g.fill(
        new Rectangle2D.Double(
            cartX - cartWidth / 2, cartTop - cartHeight / 2, cartWidth, cartHeight));
    double axleY = cartTop - cartHeight / 4.0;
    AffineTransform saved = g.getTransform();
    g.translate(cartX, axleY);
    g.rotate(state[2]); // clockwise on screen for a positive (rightward) lean
    g.setColor(new Color(202, 152, 101));
    g.fill(new Rectangle2D.Double(-poleWidth / 2, -(poleLen - poleWidth / 2), poleWidth, poleLen));
    g.setTransform(saved);
    g.setColor(new Color(129, 132, 203));
    g.setStroke(new BasicStroke(1f));
    g.fillOval(
        (int) (cartX - poleWidth / 2),
        (int) (axleY - poleWidth / 2),
        (int) poleWidth,
        (int) poleWidth);
    g.dispose();
    return img;
  }
}
