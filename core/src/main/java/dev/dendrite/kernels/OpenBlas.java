package dev.dendrite.kernels;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * {@code cblas_sgemm} from the system's OpenBLAS ({@code libopenblas.so.0}) through the Foreign
 * Function & Memory API. Heap arrays are passed without copying: the downcall is {@code critical}
 * with heap access, so the GC holds still for its duration. Optional: when the library is missing,
 * {@link #available()} is false and nothing else changes.
 */
final class OpenBlas {
  private static final int ROW_MAJOR = 101, NO_TRANS = 111, TRANS = 112;
  private static final MethodHandle SGEMM;
  private static final MethodHandle SET_THREADS;
  private static final String ERROR;
  private static int threadsSet = -1;

  static {
    MethodHandle sgemm = null, threads = null;
    String error = null;
    try {
      Linker linker = Linker.nativeLinker();
      SymbolLookup lib = SymbolLookup.libraryLookup("libopenblas.so.0", Arena.global());
      MemorySegment fn =
          lib.find("cblas_sgemm")
              .orElseThrow(() -> new IllegalStateException("no cblas_sgemm in libopenblas.so.0"));
      ValueLayout.OfInt i = ValueLayout.JAVA_INT;
      ValueLayout.OfFloat f = ValueLayout.JAVA_FLOAT;
      sgemm =
          linker.downcallHandle(
              fn,
              FunctionDescriptor.ofVoid(
                  i,
                  i,
                  i,
                  i,
                  i,
                  i,
                  f,
                  ValueLayout.ADDRESS,
                  i,
                  ValueLayout.ADDRESS,
                  i,
                  f,
                  ValueLayout.ADDRESS,
                  i),
              Linker.Option.critical(true));
      threads =
          lib.find("openblas_set_num_threads")
              .map(s -> linker.downcallHandle(s, FunctionDescriptor.ofVoid(i)))
              .orElse(null);
    } catch (
        Throwable
            t) { // IllegalArgumentException when the library is absent; IllegalCallerException
      // without native access
      error = t.toString();
      sgemm = null;
    }
    SGEMM = sgemm;
    SET_THREADS = threads;
    ERROR = error;
  }

  private OpenBlas() {}

  static boolean available() {
    return SGEMM != null;
  }

  static String loadError() {
    return ERROR;
  }

  static void sgemm(
      boolean ta,
      boolean tb,
      int m,
      int n,
      int k,
      float alpha,
      float[] a,
      int ao,
      int lda,
      float[] b,
      int bo,
      int ldb,
      float beta,
      float[] c,
      int co,
      int ldc) {
    if (SGEMM == null) throw new IllegalStateException("OpenBLAS unavailable: " + ERROR);
    if (m == 0 || n == 0) return;
    syncThreads();
    try {
      SGEMM.invokeExact(
          ROW_MAJOR,
          ta ? TRANS : NO_TRANS,
          tb ? TRANS : NO_TRANS,
          m,
          n,
          k,
          alpha,
          MemorySegment.ofArray(a).asSlice(4L * ao),
          Math.max(lda, 1),
          MemorySegment.ofArray(b).asSlice(4L * bo),
          Math.max(ldb, 1),
          beta,
          MemorySegment.ofArray(c).asSlice(4L * co),
          Math.max(ldc, 1));
    } catch (Throwable t) {
      throw new IllegalStateException("cblas_sgemm failed", t);
    }
  }

  /** Keeps OpenBLAS's own thread count equal to the shared pool's. */
  private static void syncThreads() {
    int t = Parallel.threads();
    if (t != threadsSet && SET_THREADS != null) {
      synchronized (OpenBlas.class) {
        try {
          SET_THREADS.invokeExact(t);
        } catch (Throwable e) {
          throw new IllegalStateException("openblas_set_num_threads failed", e);
        }
        threadsSet = t;
      }
    }
  }
}
