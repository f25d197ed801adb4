package dev.dendrite.rl.wrapper;

import dev.dendrite.rl.Env;
import dev.dendrite.rl.Reset;
import dev.dendrite.rl.Step;
import dev.dendrite.rl.space.Space;
import java.awt.image.BufferedImage;

/**
 * An environment that passes everything to the one it wraps, as Gymnasium's {@code Wrapper}; a
 * subclass overrides what it changes.
 */
public abstract class Wrapper<O, A> implements Env<O, A> {
  protected final Env<O, A> env;

  protected Wrapper(Env<O, A> env) {
    if (env == null) throw new IllegalArgumentException("a wrapper needs an environment");
    this.env = env;
  }

  /** The environment this one wraps. */
  public Env<O, A> inner() {
    return env;
  }

  @Override
  public String id() {
    return env.id();
  }

  @Override
  public Space<O> observationSpace() {
    return env.observationSpace();
  }

  @Override
  public Space<A> actionSpace() {
    return env.actionSpace();
  }

  @Override
  public Reset<O> reset(long seed) {
    return env.reset(seed);
  }

  @Override
  public Reset<O> reset() {
    return env.reset();
  }

  @Override
  public Step<O> step(A action) {
    return env.step(action);
  }

  @Override
  public String render() {
    return env.render();
  }

  @Override
  public BufferedImage frame() {
    return env.frame();
  }

  @Override
  public Env<?, ?> unwrapped() {
    return env.unwrapped();
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "<" + env + ">";
  }
}
