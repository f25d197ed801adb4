/** Runnable examples: they see only what dendrite.core exports, as a library user's code does. */
module dev.dendrite.examples {
  requires dev.dendrite.core;
  requires java.desktop; // javax.imageio: ExampleData writes the sample image folder
}
