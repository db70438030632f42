package io.sluice.policies.rego;

import java.util.Objects;

/** A position in a Rego source file, 1-based. */
public record SourcePos(String file, int line, int col) {
  public SourcePos {
    Objects.requireNonNull(file, "file is null");
  }

  public static final SourcePos NONE = new SourcePos("", 0, 0);

  @Override
  public String toString() {
    return file + ":" + line + ":" + col;
  }
}
