package dev.dendrite.ops.sequence;

/** The kind of a recurrent cell: its number of gates and its step function ({@link CellStep}). */
public enum CellKind {
  RNN_TANH(1),
  RNN_RELU(1),
  LSTM(4),
  GRU(3);

  /** Gate blocks in W_ih and W_hh: (gates·H, ·). */
  public final int gates;

  CellKind(int g) {
    gates = g;
  }
}
