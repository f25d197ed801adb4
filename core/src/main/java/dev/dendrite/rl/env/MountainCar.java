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
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * The under-powered car of Moore (1990), step for step as Gymnasium's {@code MountainCarEnv}
 * (registered as {@code MountainCar-v0} with a 200-step {@code TimeLimit}): action 0 pushes left, 1
 * not at all, 2 right; {@code v += (a - 1) 0.001 - 0.0025 cos(3x)}, clipped to {@code ±0.07}, then
 * {@code x += v} clipped to {@code [-1.2, 0.6]} (hitting the left wall stops the car); reward -1
 * per step; terminated once {@code x >= 0.5}. The start is {@code x ~ uniform(-0.6, -0.4)}, {@code
 * v = 0}. Observations are the float64 state rounded to float32.
 */
public final class MountainCar extends AbstractEnv<double[], Integer> {
  static final double MIN_POSITION = -1.2;
  static final double MAX_POSITION = 0.6;
  static final double MAX_SPEED = 0.07;
  static final double GOAL_POSITION = 0.5;
  static final double FORCE = 0.001;
  static final double GRAVITY = 0.0025;

  private static final Box OBSERVATION_SPACE =
      new Box(
          new double[] {(float) MIN_POSITION, (float) -MAX_SPEED},
          new double[] {(float) MAX_POSITION, (float) MAX_SPEED});
  private static final Discrete ACTION_SPACE = new Discrete(3);

  private final double goalVelocity;
  private double position;
  private double velocity;

  /** The environment as registered ({@code goal_velocity = 0}). */
  public MountainCar() {
    this(0.0);
  }

  /** The environment that also requires {@code v >= goalVelocity} at the goal. */
  public MountainCar(double goalVelocity) {
    this.goalVelocity = goalVelocity;
  }

  @Override
  public String id() {
    return "MountainCar-v0";
  }

  @Override
  public Space<double[]> observationSpace() {
    return OBSERVATION_SPACE;
  }

  @Override
  public Space<Integer> actionSpace() {
    return ACTION_SPACE;
  }

  /** The float64 state {@code [position, velocity]}. */
  public double[] state() {
    return new double[] {position, velocity};
  }

  /** Starts an episode from the given {@code [position, velocity]} (for tests and planning). */
  public Reset<double[]> resetTo(double[] initial) {
    if (initial.length != 2)
      throw new IllegalArgumentException(
          id() + ": a state has 2 values (position, velocity), got " + initial.length);
    reset(0);
    position = initial[0];
    velocity = initial[1];
    return new Reset<>(observation(), Map.of());
  }

  @Override
  protected Reset<double[]> onReset() {
    position = -0.6 + 0.2 * rng.nextDouble();
    velocity = 0;
    return new Reset<>(observation(), Map.of());
  }

  @Override
  protected Step<double[]> onStep(Integer action) {
    velocity += (action - 1) * FORCE + StrictMath.cos(3 * position) * (-GRAVITY);
    velocity = Math.min(Math.max(velocity, -MAX_SPEED), MAX_SPEED);
    position += velocity;
    position = Math.min(Math.max(position, MIN_POSITION), MAX_POSITION);
    if (position == MIN_POSITION && velocity < 0) velocity = 0;
    boolean terminated = position >= GOAL_POSITION && velocity >= goalVelocity;
    return new Step<>(observation(), -1.0, terminated, false, Map.of());
  }

  private double[] observation() {
    return new double[] {(float) position, (float) velocity};
  }

  /**
   * The track from -1.2 to 0.6 with the car ({@code C}) and the flag ({@code F}), then the state.
   */
  @Override
  public String render() {
    int width = 61;
    char[] track = new char[width];
    Arrays.fill(track, '_');
    track[column(GOAL_POSITION, width)] = 'F';
    track[column(position, width)] = 'C';
    return "["
        + new String(track)
        + "]"
        + String.format(Locale.ROOT, "  position=%+.4f velocity=%+.5f%n", position, velocity);
  }

  private static int column(double x, int width) {
    int c = (int) Math.round((x - MIN_POSITION) / (MAX_POSITION - MIN_POSITION) * (width - 1));
    return Math.max(0, Math.min(width - 1, c));
  }

  /**
   * Gymnasium's picture: 600 by 400, the hill {@code 0.45 sin(3x) + 0.55}, the car and the flag.
   */
  @Override
  public BufferedImage frame() {
    System.setProperty("java.awt.headless", "true");
    int w = 600, h = 400;
    double scale = w / (MAX_POSITION - MIN_POSITION);
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, w, h);
    Path2D hill = new Path2D.Double();
    for (int i = 0; i <= 100; i++) {
      double x = MIN_POSITION + (MAX_POSITION - MIN_POSITION) * i / 100;
      double px = (x - MIN_POSITION) * scale, py = h - height(x) * scale;
      if (i == 0) hill.moveTo(px, py);
      else hill.lineTo(px, py);
    }
    g.setColor(Color.BLACK);
    g.setStroke(new BasicStroke(2f));
    g.draw(hill);
    double fx = (GOAL_POSITION - MIN_POSITION) * scale, fy = h - height(GOAL_POSITION) * scale;
    g.drawLine((int) fx, (int) fy, (int) fx, (int) fy - 50);
    g.setColor(new Color(204, 204, 0));
    g.fillPolygon(
        new int[] {(int) fx, (int) fx, (int) fx + 25},
        new int[] {(int) fy - 50, (int) fy - 40, (int) fy - 45},
        3);
    double cx = (position - MIN_POSITION) * scale, cy = h - height(position) * scale;
    g.translate(cx, cy);
    g.rotate(-Math.atan(Math.cos(3 * position) * 3 * 0.45)); // along the slope
    g.setColor(Color.BLACK);
    g.fill(new Rectangle2D.Double(-20, -30, 40, 20));
    g.setColor(new Color(128, 128, 128));
    g.fillOval(-18, -14, 12, 12);
    g.fillOval(6, -14, 12, 12);
    g.dispose();
    return img;
  }

  private static double height(double x) {
    return Math.sin(3 * x) * 0.45 + 0.55;
  }
}
