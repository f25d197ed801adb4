/** The {@code dendrite} command line. */
module dev.dendrite.cli {
  requires dev.dendrite.core;
  requires info.picocli;
  requires java.desktop; // javax.imageio, for the PNG plots of `demo vanishing`

  opens dev.dendrite.cli to info.picocli;
}
