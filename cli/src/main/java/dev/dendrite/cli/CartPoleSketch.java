package dev.dendrite.cli;

import dev.dendrite.rl.env.CartPole;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * A 600 × 400 frame of the cart-pole state {@code [x, x_dot, theta, theta_dot]}, laid out as
 * Gymnasium's renderer draws it: the world 4.8 wide across the frame, a 50 × 30 cart on a track at
 * height 100, a pole 10 wide and {@code 2 · length} long, hinged at the top of the cart.
 */
final class CartPoleSketch {
  static final int W = 600, H = 400;

  private CartPoleSketch() {}

  static BufferedImage draw(double[] state) {
    BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, W, H);
    double scale = W / (2 * CartPole.X_THRESHOLD);
    int trackY = H - 100; // Gymnasium's y = 100 from the bottom
    g.setColor(Color.BLACK);
    g.drawLine(0, trackY, W, trackY);
    int cartX = (int) Math.round(state[0] * scale + W / 2.0);
    g.fillRect(cartX - 25, trackY - 15, 50, 30);
    double poleLen = scale * 2 * 0.5, theta = state[2];
    int hingeY = trackY - 15 + 30 / 4 - 15; // axle offset as in Gymnasium, above the cart centre
    g.setColor(new Color(202, 152, 101));
    g.setStroke(new BasicStroke(10f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER));
    int tipX = (int) Math.round(cartX + poleLen * Math.sin(theta));
    int tipY = (int) Math.round(hingeY - poleLen * Math.cos(theta));
    g.drawLine(cartX, hingeY, tipX, tipY);
    g.setColor(new Color(129, 132, 203));
    g.fillOval(cartX - 5, hingeY - 5, 10, 10);
    g.dispose();
    return img;
  }
}
