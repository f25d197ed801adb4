/** The {@code dendrite} command line. */
module dev.dendrite.cli {
  requires dev.dendrite.core;
  requires info.picocli;

  opens dev.dendrite.cli to info.picocli;
}
