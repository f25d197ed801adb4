package dev.dendrite.rl.wrapper;

import dev.dendrite.io.AtomicFiles;
import dev.dendrite.io.Gif;
import dev.dendrite.rl.Env;
import dev.dendrite.rl.Reset;
import dev.dendrite.rl.Step;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Records the environment's {@link Env#frame() frame} after {@code reset} and after every {@code
 * step}, up to a maximum number, for writing as numbered PNG files or one animated GIF (the role of
 * Gymnasium's {@code RecordVideo}, without a video encoder).
 */
public final class RecordFrames<O, A> extends Wrapper<O, A> {
  private final int maxFrames;
  private final List<BufferedImage> frames = new ArrayList<>();

  /** Keeps at most {@code maxFrames} frames; later ones are dropped. */
  public RecordFrames(Env<O, A> env, int maxFrames) {
    super(env);
    if (maxFrames < 1)
      throw new IllegalArgumentException("RecordFrames: max frames must be >= 1, got " + maxFrames);
    this.maxFrames = maxFrames;
  }

  @Override
  public Reset<O> reset(long seed) {
    Reset<O> r = env.reset(seed);
    record();
    return r;
  }

  @Override
  public Reset<O> reset() {
    Reset<O> r = env.reset();
    record();
    return r;
  }

  @Override
  public Step<O> step(A action) {
    Step<O> s = env.step(action);
    record();
    return s;
  }

  private void record() {
    if (frames.size() < maxFrames) frames.add(env.frame());
  }

  /** The frames recorded so far. */
  public List<BufferedImage> frames() {
    return List.copyOf(frames);
  }

  /** Forgets the recorded frames. */
  public void clear() {
    frames.clear();
  }

  /** Writes the frames as one looping animated GIF, {@code delayMs} per frame. */
  public void writeGif(Path file, int delayMs) throws IOException {
    Gif.write(file, frames, delayMs);
  }

  /**
   * Writes each frame as {@code prefix-00000.png}, {@code prefix-00001.png}, ... in {@code dir}.
   * Returns the files written.
   */
  public List<Path> writePngs(Path dir, String prefix) throws IOException {
    Files.createDirectories(dir);
    List<Path> out = new ArrayList<>();
    for (int i = 0; i < frames.size(); i++) {
      Path f = dir.resolve(String.format("%s-%05d.png", prefix, i));
      BufferedImage img = frames.get(i);
      AtomicFiles.write(
          f,
          o -> {
            if (!ImageIO.write(img, "png", o)) throw new IOException("no PNG writer in this JDK");
          });
      out.add(f);
    }
    return out;
  }
}
