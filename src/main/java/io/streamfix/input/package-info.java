/**
 * Reading symptom files: YAML in, {@link io.streamfix.model.Symptoms} out, or every problem of the file
 * with its line, column, field path and a "did you mean" where one fits.
 *
 * <p>Start at {@link io.streamfix.input.SymptomsReader}. Inside, {@code YamlTreeParser} turns text into
 * a tree of located nodes, {@code SymptomsValidator} applies the schema to that tree and
 * {@code Suggestions} finds close matches.
 */
package io.streamfix.input;
