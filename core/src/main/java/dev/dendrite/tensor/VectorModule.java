package dev.dendrite.tensor;

/**
 * The kernels run on the Vector API, an incubator module in JDK 25 that the JVM resolves only when
 * asked to. On the module path {@code dev.dendrite.core} requires it; on the class path nothing
 * does, and without this check the first matrix product failed with a bare {@code
 * NoClassDefFoundError: jdk/incubator/vector/FloatVector}. {@link Tensor} runs it when its class
 * initialises.
 */
final class VectorModule {
  static final String MODULE = "jdk.incubator.vector";

  private VectorModule() {}

  static void require() {
    require(
        VectorModule.class.getModule().isNamed()
            || ModuleLayer.boot().findModule(MODULE).isPresent());
  }

  /**
   * A linkage error, not an exception: class initialisation would wrap an exception and bury its
   * message.
   */
  static void require(boolean present) {
    if (!present) {
      throw new LinkageError(
          "Dendrite needs the Vector API, which the JVM loads only on request: run java with"
              + " --add-modules "
              + MODULE
              + " (Maven Surefire: <argLine>--add-modules "
              + MODULE
              + "</argLine>)");
    }
  }
}
