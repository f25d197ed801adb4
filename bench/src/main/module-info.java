/** JMH benchmarks and the {@code dendrite bench} workload runner. */
module dev.dendrite.bench {
  requires dev.dendrite.core;
  requires info.picocli;
  requires jmh.core;

  opens dev.dendrite.bench to
      info.picocli;
  // JMH instantiates the generated benchmark classes reflectively.
  opens dev.dendrite.bench.jmh;
  opens dev.dendrite.bench.jmh.jmh_generated;
}
