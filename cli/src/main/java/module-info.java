/** The {@code dendrite} command line. */
module dev.dendrite.cli {
  requires dev.dendrite.core;
  requires info.picocli;
  requires java.desktop; // java.awt.image and javax.imageio: the PNGs of `dendrite plot` and `demo

  // vanishing`

  opens dev.dendrite.cli to
      info.picocli;
}
