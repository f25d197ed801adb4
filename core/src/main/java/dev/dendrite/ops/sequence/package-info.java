/**
 * The recurrent ops: one time step of a cell ({@link dev.dendrite.ops.sequence.CellStep}) and a
 * whole sequence as one op per cell kind ({@link dev.dendrite.ops.sequence.RecurrentSequence}:
 * LSTM, GRU, RNN), padded batches included, with the row layout they share ({@link
 * dev.dendrite.ops.sequence.SequenceInput}). {@link dev.dendrite.ops.sequence.StepSequence} is the
 * step-by-step reference they are tested against. Not exported.
 */
package dev.dendrite.ops.sequence;
