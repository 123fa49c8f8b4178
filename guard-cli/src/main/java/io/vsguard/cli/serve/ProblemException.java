package io.vsguard.cli.serve;

/**
 * Ends a request with a problem document; thrown from handlers and filters, answered in one place.
 */
final class ProblemException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient Problem problem;

  ProblemException(Problem problem) {
    super(problem.detail(), null, false, false);
    this.problem = problem;
  }

  ProblemException(Problem.Kind kind, String detail) {
    this(Problem.of(kind, detail));
  }

  Problem problem() {
    return problem;
  }
}
