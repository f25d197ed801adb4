package dev.dendrite.kernels;

/**
 * Single-precision matrix multiply, {@code C = alpha·op(A)·op(B) + beta·C}, row-major.
 *
 * <p>op(A) is m×k (A is stored k×m when {@code transA}), op(B) is k×n (stored n×k when {@code
 * transB}); {@code lda}, {@code ldb}, {@code ldc} are the row strides of the matrices as stored.
 * {@code beta == 0} means C is not read, so NaN in C is overwritten, as in BLAS.
 *
 * <p>Two backends: the pure-Java {@link GemmJava} (Vector API, always there) and OpenBLAS through
 * the FFM API when {@code libopenblas.so.0} is installed. {@code
 * -Ddendrite.gemm=java|openblas|auto} chooses. AUTO, the default, sends large products (m, n, k ≥
 * 512) to OpenBLAS and the rest to the Java kernel: OpenBLAS is ahead on large products, the Java
 * kernel close to it or ahead on the smaller shapes of training, and well ahead where the
 * environment holds OpenBLAS to older kernels (docs/benchmarks.md has the figures). The choice
 * depends only on the shape, never on a timing, so runs stay repeatable; Java whenever OpenBLAS is
 * absent.
 */
public final class Gemm {
  /** The implementations. */
  public enum Backend {
    JAVA,
    OPENBLAS,
    AUTO
  }

  private static volatile Backend backend = initial();

  private Gemm() {}

  private static Backend initial() {
    String p =
        System.getProperty("dendrite.gemm", "auto").trim().toLowerCase(java.util.Locale.ROOT);
    return switch (p) {
      case "java" -> Backend.JAVA;
      case "auto" -> Backend.AUTO;
      case "openblas" -> {
        if (!OpenBlas.available()) {
          throw new IllegalStateException(
              "dendrite.gemm=openblas, but libopenblas.so.0 could not be loaded: "
                  + OpenBlas.loadError());
        }
        yield Backend.OPENBLAS;
      }
      default ->
          throw new IllegalArgumentException(
              "dendrite.gemm must be java, openblas or auto, got " + p);
    };
  }

  public static Backend backend() {
    return backend;
  }

  /** Chooses the backend; OPENBLAS fails clearly when the library is missing. */
  public static void setBackend(Backend b) {
    if (b == Backend.OPENBLAS && !OpenBlas.available()) {
      throw new IllegalStateException(
          "OpenBLAS backend unavailable: "
              + OpenBlas.loadError()
              + " (apt-get install libopenblas0)");
    }
    backend = b;
  }

  public static boolean openBlasAvailable() {
    return OpenBlas.available();
  }

  public static void sgemm(
      boolean transA,
      boolean transB,
      int m,
      int n,
      int k,
      float alpha,
      float[] a,
      int aOff,
      int lda,
      float[] b,
      int bOff,
      int ldb,
      float beta,
      float[] c,
      int cOff,
      int ldc) {
    check(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
    if (blas(m, n, k))
      OpenBlas.sgemm(
          transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    else
      GemmJava.sgemm(
          transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
  }

  /**
   * C = alpha·op(A)·op(B) + beta·C with alpha·op(A) (m × k) packed beforehand ({@link PackedA#of}),
   * for several products with the same A; as {@link #sgemm} with A's own arguments otherwise.
   */
  public static void sgemm(
      PackedA a,
      boolean transB,
      int n,
      float[] b,
      int bOff,
      int ldb,
      float beta,
      float[] c,
      int cOff,
      int ldc) {
    check(a.ta, transB, a.m, n, a.k, a.a, a.ao, a.lda, b, bOff, ldb, c, cOff, ldc);
    if (blas(a.m, n, a.k))
      OpenBlas.sgemm(
          a.ta, transB, a.m, n, a.k, a.alpha, a.a, a.ao, a.lda, b, bOff, ldb, beta, c, cOff, ldc);
    else
      GemmJava.sgemm(
          a.bl, a.ta, transB, a.m, n, a.k, a.alpha, a.a, a.ao, a.lda, b, bOff, ldb, beta, c, cOff,
          ldc, a);
  }

  /** Whether the setting sends an m×n×k product to OpenBLAS. */
  private static boolean blas(int m, int n, int k) {
    Backend mode = backend;
    return mode == Backend.OPENBLAS
        || (mode == Backend.AUTO && m >= 512 && n >= 512 && k >= 512 && OpenBlas.available());
  }

  /** The pure-Java backend, whatever the setting (for benchmarks and tests). */
  public static void sgemmJava(
      boolean transA,
      boolean transB,
      int m,
      int n,
      int k,
      float alpha,
      float[] a,
      int aOff,
      int lda,
      float[] b,
      int bOff,
      int ldb,
      float beta,
      float[] c,
      int cOff,
      int ldc) {
    check(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
    GemmJava.sgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
  }

  /** The OpenBLAS backend, whatever the setting; throws when unavailable. */
  public static void sgemmOpenBlas(
      boolean transA,
      boolean transB,
      int m,
      int n,
      int k,
      float alpha,
      float[] a,
      int aOff,
      int lda,
      float[] b,
      int bOff,
      int ldb,
      float beta,
      float[] c,
      int cOff,
      int ldc) {
    check(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
    OpenBlas.sgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
  }

  /** Rejects dimensions and strides that would read or write outside the arrays. */
  private static void check(
      boolean ta,
      boolean tb,
      int m,
      int n,
      int k,
      float[] a,
      int ao,
      int lda,
      float[] b,
      int bo,
      int ldb,
      float[] c,
      int co,
      int ldc) {
    if (m < 0 || n < 0 || k < 0)
      throw new IllegalArgumentException("sgemm: negative size m=" + m + " n=" + n + " k=" + k);
    int ar = ta ? k : m, ac = ta ? m : k, br = tb ? n : k, bc = tb ? k : n;
    extent("A", a, ao, lda, ar, ac);
    extent("B", b, bo, ldb, br, bc);
    extent("C", c, co, ldc, m, n);
  }

  private static void extent(String name, float[] x, int off, int ld, int rows, int cols) {
    if (rows == 0 || cols == 0) return;
    if (ld < cols)
      throw new IllegalArgumentException(
          "sgemm: leading dimension of "
              + name
              + " is "
              + ld
              + ", less than its "
              + cols
              + " columns");
    long last = off + (long) (rows - 1) * ld + cols;
    if (off < 0 || last > x.length) {
      throw new IllegalArgumentException(
          "sgemm: "
              + name
              + " ("
              + rows
              + "×"
              + cols
              + ", ld "
              + ld
              + ", offset "
              + off
              + ") exceeds its array of "
              + x.length);
    }
  }
}
