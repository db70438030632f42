package io.sluice.policies.rego.ast;

import io.sluice.policies.rego.SourcePos;
import io.sluice.policies.rego.builtins.Builtin;
import io.sluice.policies.rego.builtins.Builtins;
import io.sluice.policies.rego.value.Value;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Rego terms. Infix operators are parsed into {@link Call}s of the matching built-in. */
public sealed interface Term
    permits Term.Scalar, Term.Var, Term.Ref, Term.ArrayTerm, Term.ObjectTerm, Term.SetTerm,
        Term.ArrayCompr, Term.SetCompr, Term.ObjectCompr, Term.Call {

  SourcePos pos();

  /** A constant null, boolean, number or string. */
  record Scalar(Value value, SourcePos pos) implements Term {
    public Scalar {
      Objects.requireNonNull(value, "value is null");
      Objects.requireNonNull(pos, "pos is null");
    }
  }

  record Var(String name, SourcePos pos) implements Term {
    public Var {
      // interned so that evaluation can compare variable names by identity
      name = Objects.requireNonNull(name, "name is null").intern();
      Objects.requireNonNull(pos, "pos is null");
    }

    public boolean isWildcard() {
      return name.startsWith("$_");
    }
  }

  /** {@code head.a[b]...}; the head is usually a Var ({@code data}, {@code input}, a local). */
  record Ref(Term head, List<Term> path, SourcePos pos) implements Term {
    public Ref {
      Objects.requireNonNull(head, "head is null");
      path = List.copyOf(path);
      Objects.requireNonNull(pos, "pos is null");
    }
  }

  record ArrayTerm(List<Term> items, SourcePos pos) implements Term {
    public ArrayTerm {
      items = List.copyOf(items);
      Objects.requireNonNull(pos, "pos is null");
    }
  }

  record ObjectTerm(List<Entry> entries, SourcePos pos) implements Term {
    public ObjectTerm {
      entries = List.copyOf(entries);
      Objects.requireNonNull(pos, "pos is null");
    }
  }

  record Entry(Term key, Term value) {
    public Entry {
      Objects.requireNonNull(key, "key is null");
      Objects.requireNonNull(value, "value is null");
    }
  }

  record SetTerm(List<Term> items, SourcePos pos) implements Term {
    public SetTerm {
      items = List.copyOf(items);
      Objects.requireNonNull(pos, "pos is null");
    }
  }

  record ArrayCompr(Term head, List<Literal> body, SourcePos pos) implements Term {
    public ArrayCompr {
      Objects.requireNonNull(head, "head is null");
      body = List.copyOf(body);
      Objects.requireNonNull(pos, "pos is null");
    }
  }

  record SetCompr(Term head, List<Literal> body, SourcePos pos) implements Term {
    public SetCompr {
      Objects.requireNonNull(head, "head is null");
      body = List.copyOf(body);
      Objects.requireNonNull(pos, "pos is null");
    }
  }

  record ObjectCompr(Term key, Term value, List<Literal> body, SourcePos pos) implements Term {
    public ObjectCompr {
      Objects.requireNonNull(key, "key is null");
      Objects.requireNonNull(value, "value is null");
      body = List.copyOf(body);
      Objects.requireNonNull(pos, "pos is null");
    }
  }

  /**
   * A call of a built-in (dotted name) or, after compilation, a user function ({@code data.pkg.f}).
   * {@code builtin} is the built-in of that name, resolved once here rather than at every call.
   */
  record Call(String name, List<Term> args, SourcePos pos, Optional<Builtin> builtin) implements Term {
    public Call {
      name = Objects.requireNonNull(name, "name is null").intern();
      args = List.copyOf(args);
      Objects.requireNonNull(pos, "pos is null");
      builtin = Builtins.get(name);
    }

    public Call(String name, List<Term> args, SourcePos pos) {
      this(name, args, pos, Optional.empty());
    }
  }
}
