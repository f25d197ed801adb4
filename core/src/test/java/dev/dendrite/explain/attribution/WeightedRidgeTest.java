package dev.dendrite.explain.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class WeightedRidgeTest {
  // core/src/test/python/gen_ridge_golden.py: scikit-learn 1.2 Ridge(alpha).fit(X, y,
  // sample_weight)
  static final double[] X = {
    1.691, -0.466, 0.033, 0.408, -0.789, 0.002, -0.001, -1.755, 1.018, 0.6, -0.625, -0.172, 0.505,
    -0.261, -0.243, -1.453, 0.555, 0.124, 0.274, -1.527, 1.651, 0.154, -0.387, 2.029, -0.045,
    -1.451, -0.405, -2.288, 1.049, -0.416, -0.743, 1.072, -1.651, 0.535, -2.064, -0.662
  };
  static final double[] Y = {
    3.615, 3.129, 4.793, 2.508, 1.971, -2.812, 4.548, 1.786, 2.721, -5.675, -3.056, 5.939
  };
  static final double[] W = {
    0.473, 0.101, 0.183, 0.738, 0.572, 0.727, 0.96, 0.715, 0.148, 0.378, 0.633, 0.312
  };

  static double[][] rows() {
    double[][] x = new double[12][3];
    for (int r = 0; r < 12; r++) for (int j = 0; j < 3; j++) x[r][j] = X[r * 3 + j];
    return x;
  }

  @Test
  void matchesScikitLearnRidgeWithSampleWeights() {
    int[] cols = {0, 1, 2};
    WeightedRidge r = WeightedRidge.fit(rows(), cols, Y, W, 1.0);
    assertThat(r.coef())
        .containsExactly(
            new double[] {1.4072896277626148, -1.8492855521373712, 0.27970800244434535},
            within(1e-9));
    assertThat(r.intercept()).isCloseTo(0.5485124734795304, within(1e-9));
    assertThat(r.score(rows(), cols, Y, W)).isCloseTo(0.9834551963168016, within(1e-9));
    WeightedRidge s = WeightedRidge.fit(rows(), cols, Y, W, 0.01);
    assertThat(s.coef())
        .containsExactly(
            new double[] {1.4293747855258738, -2.258197436873027, 0.1297919260711372},
            within(1e-9));
    assertThat(s.intercept()).isCloseTo(0.4276944532003164, within(1e-9));
    assertThat(s.score(rows(), cols, Y, W)).isCloseTo(0.9948138744274297, within(1e-9));
  }

  @Test
  void aSubsetOfColumnsAndAConstantColumn() {
    double[][] x = rows();
    for (double[] row : x) row[2] = 4; // constant: its coefficient is 0, as scikit-learn's
    WeightedRidge r = WeightedRidge.fit(x, new int[] {2, 0}, Y, W, 0);
    assertThat(r.coef()[0]).isCloseTo(0, within(1e-6));
    assertThat(r.coef()[1]).isNotCloseTo(0, within(0.1));
  }
}
