package dev.dendrite.sequence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.dendrite.data.Series;
import dev.dendrite.data.TimeSplit;
import dev.dendrite.tensor.Rng;
import org.junit.jupiter.api.Test;

class ForecasterTest {
  @Test
  void anLstmBeatsTheNaiveForecastOfSunspotsOnTheHeldOutYears() {
    Series s = Series.load("sunspots");
    TimeSplit sp = TimeSplit.of(s.values(), 24, 1, 1, 0.7, 0.1);
    Forecaster f = Forecaster.create(Forecaster.Cell.lstm, 32, 1, new Rng(1));
    f.fit(sp, new Forecaster.Config(Forecaster.Cell.lstm, 32, 30, 16, 5e-3, 1));
    Forecaster.Errors model = f.evaluate(sp.test(), sp),
        naive = Forecaster.naive(sp.test(), sp),
        seasonal = Forecaster.seasonalNaive(sp.test(), sp, 11);
    System.out.printf(
        "sunspots test (%d years): LSTM MAE %.2f RMSE %.2f; naive MAE %.2f RMSE %.2f;"
            + " seasonal-naive(11) MAE %.2f RMSE %.2f%n",
        model.count(),
        model.mae(),
        model.rmse(),
        naive.mae(),
        naive.rmse(),
        seasonal.mae(),
        seasonal.rmse());
    assertThat(model.mae()).isLessThan(0.8 * naive.mae());
    assertThat(model.rmse()).isLessThan(0.8 * naive.rmse());
  }

  @Test
  void theBaselinesAreWhatTheySay() {
    float[] s = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
    TimeSplit sp = TimeSplit.of(s, 3, 2, 1, 0.5, 0.2);
    // test targets start at 8 (0-based), i.e. values 9, 10 then 10, 11 then 11, 12; naive says 8,
    // 9, 10.
    Forecaster.Errors n = Forecaster.naive(sp.test(), sp);
    assertThat(n.count()).isEqualTo(6);
    assertThat(n.mae()).isCloseTo(1.5, within(1e-5)); // errors 1, 2 per window
    // seasonal-naive with period 4: the value 4 steps before each target, so every error is 4.
    assertThat(Forecaster.seasonalNaive(sp.test(), sp, 4).mae()).isCloseTo(4, within(1e-5));
    // period 1, horizon 2: the second step looks back 2 steps (the last known value), as naive
    // does.
    assertThat(Forecaster.seasonalNaive(sp.test(), sp, 1).mae()).isCloseTo(n.mae(), within(1e-5));
  }
}
