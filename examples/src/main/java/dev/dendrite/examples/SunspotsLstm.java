package dev.dendrite.examples;

import dev.dendrite.data.Series;
import dev.dendrite.data.TimeSplit;
import dev.dendrite.sequence.Forecaster;
import dev.dendrite.tensor.Rng;

/**
 * A recurrent forecaster (LSTM, or GRU with the argument {@code gru}) on the yearly sunspot numbers
 * (bundled): read 24 years, predict the next. The series is cut by time (70 % training, 10 %
 * validation, 20 % test), and the test errors stand next to the naive forecasts that any model must
 * beat.
 *
 * <p>Run: {@code ./dendrite example SunspotsLstm [lstm|gru]}.
 */
public final class SunspotsLstm {
  private SunspotsLstm() {}

  public static void main(String[] args) {
    Forecaster.Cell cell =
        args.length > 0 ? Forecaster.Cell.valueOf(args[0]) : Forecaster.Cell.lstm;
    Series s = Series.load("sunspots");
    TimeSplit split = TimeSplit.of(s.values(), 24, 1, 1, 0.7, 0.1);

    Forecaster f = Forecaster.create(cell, 32, 1, new Rng(1));
    f.fit(
        split,
        new Forecaster.Config(cell, 32, 15, 16, 0.005, 1),
        Forecaster.onEpoch(
            split,
            e -> System.out.printf("epoch %d: training MSE %.4f%n", e.epoch(), e.trainMse())));

    Forecaster.Errors model = f.evaluate(split.test(), split),
        naive = Forecaster.naive(split.test(), split);
    System.out.printf(
        "test MAE (%s): %s %.2f, naive (last value) %.2f%n",
        s.unit(), cell, model.mae(), naive.mae());
  }
}
