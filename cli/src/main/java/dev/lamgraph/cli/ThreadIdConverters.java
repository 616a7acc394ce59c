package dev.lamgraph.cli;

import dev.lamgraph.engine.exec.ThreadIds;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * picocli converters that check a thread id where it enters the command line (see
 * {@link ThreadIds}): a bad one is a usage error (exit 2) whose one-line message shows the id with
 * control characters escaped and clipped, before any store is opened.
 */
final class ThreadIdConverters {
  private ThreadIdConverters() {}

  /** {@code --thread} of run, submit, fork and replay: the id of a thread to create. */
  static final class New implements ITypeConverter<String> {
    @Override
    public String convert(String arg) {
      try {
        return ThreadIds.checkNew(arg);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /** A THREAD argument of resume, state, history, trace, fork, replay and {@code diagram --run}. */
  static final class Existing implements ITypeConverter<String> {
    @Override
    public String convert(String arg) {
      try {
        return ThreadIds.checkExisting(arg);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }
}
