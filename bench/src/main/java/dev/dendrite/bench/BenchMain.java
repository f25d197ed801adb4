package dev.dendrite.bench;

/** Entry point of {@code dendrite bench}. */
public final class BenchMain {
  public static void main(String[] args) {
    System.out.println("bench: nothing yet");
  }
}
