/** JMH benchmarks and the {@code dendrite bench} workload runner. */
module dev.dendrite.bench {
  requires dev.dendrite.core;
  requires info.picocli;
  requires jmh.core;
  requires jdk.incubator.vector;
  requires jdk.management;

  opens dev.dendrite.bench to
      info.picocli;
}
