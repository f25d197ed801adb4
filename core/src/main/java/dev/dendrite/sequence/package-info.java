/**
 * Applications of the recurrent layers: a character-level language model that generates text, a
 * time-series forecaster, and a tagging task where reading the sequence backwards is what helps.
 * Each trains in seconds to minutes on a real data set and reports itself next to a baseline.
 */
package dev.dendrite.sequence;
