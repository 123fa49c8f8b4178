package io.vsguard.core.policy;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.CelType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.util.Map;

/**
 * One CEL expression of a policy pack, compiled once at load. Variables: {@code plan}, {@code
 * inventory}, {@code change}, {@code wave} (dynamic maps in the documents' JSON shape) and {@code
 * now} (a timestamp).
 */
final class CelExpression {
  private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().build();

  private final String source;
  private final CelRuntime.Program program;

  private CelExpression(String source, CelRuntime.Program program) {
    this.source = source;
    this.program = program;
  }

  /** A compile problem, with the 1-based line and column inside the expression. */
  static final class CompileError extends Exception {
    private static final long serialVersionUID = 1L;
    final int line;
    final int column;

    CompileError(String message, int line, int column) {
      super(message);
      this.line = line;
      this.column = column;
    }
  }

  static CelExpression compile(String source, CelType resultType) throws CompileError {
    CelCompiler compiler =
        CelCompilerFactory.standardCelCompilerBuilder()
            .addVar("plan", SimpleType.DYN)
            .addVar("inventory", SimpleType.DYN)
            .addVar("change", SimpleType.DYN)
            .addVar("wave", SimpleType.DYN)
            .addVar("now", SimpleType.TIMESTAMP)
            // has(), all(), exists(), exists_one(), map(), filter(): site rules need them to test
            // optional fields such as change.hosts.cluster.
            .setStandardMacros(dev.cel.parser.CelStandardMacro.STANDARD_MACROS)
            .setResultType(resultType)
            .build();
    try {
      CelAbstractSyntaxTree ast = compiler.compile(source).getAst();
      return new CelExpression(source, RUNTIME.createProgram(ast));
    } catch (CelValidationException e) {
      CelIssue first = e.getErrors().get(0);
      int line = first.getSourceLocation().getLine();
      int column = first.getSourceLocation().getColumn() + 1;
      throw new CompileError(first.getMessage(), Math.max(line, 1), Math.max(column, 1));
    } catch (dev.cel.common.CelException e) {
      throw new CompileError(e.getMessage(), 1, 1);
    }
  }

  /** Evaluates; a runtime error is thrown, never read as a pass (the decision becomes ERROR). */
  Object eval(Map<String, Object> vars) {
    try {
      return program.eval(vars);
    } catch (CelEvaluationException e) {
      throw new CustomRuleFailure(
          "CEL evaluation of '" + source + "' failed: " + e.getMessage(), e);
    }
  }

  String source() {
    return source;
  }
}
