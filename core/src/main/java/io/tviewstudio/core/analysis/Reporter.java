package io.tviewstudio.core.analysis;

import net.sf.jsqlparser.parser.ASTNodeAccess;
import net.sf.jsqlparser.parser.SimpleNode;
import net.sf.jsqlparser.parser.Token;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects diagnostics and places them in the analysed source text. Parser positions are relative
 * to the SELECT, which starts at {@code selectOffset} of the source.
 */
final class Reporter {

    private final SourceText source;
    private final SourceText select;
    private final int selectOffset;
    private final List<Diagnostic> diagnostics = new ArrayList<>();

    Reporter(SourceText source, String selectText, int selectOffset) {
        this.source = source;
        this.select = new SourceText(selectText);
        this.selectOffset = selectOffset;
    }

    /** Reports at an offset of the source text. */
    void atSource(int sourceOffset, Severity severity, ErrorCode code, String message, String hint) {
        diagnostics.add(new Diagnostic(source.line(sourceOffset), source.column(sourceOffset), severity, code, message, hint));
    }

    /** Reports at an offset of the SELECT text. */
    void atSelect(int selectTextOffset, Severity severity, ErrorCode code, String message, String hint) {
        atSource(selectOffset + selectTextOffset, severity, code, message, hint);
    }

    /** Reports at a line and column of the SELECT text as the parser counts them. */
    void atSelect(int line, int column, Severity severity, ErrorCode code, String message, String hint) {
        atSelect(select.offset(line, column), severity, code, message, hint);
    }

    /** Reports at a parsed node, or at the start of the SELECT when the parser kept no position for it. */
    void at(Object node, Severity severity, ErrorCode code, String message, String hint) {
        Token token = firstToken(node);
        if (token != null) {
            atSelect(token.beginLine, token.beginColumn, severity, code, message, hint);
        } else {
            atSelect(Math.max(0, SqlScanner.firstSignificant(select.text(), 0)), severity, code, message, hint);
        }
    }

    void error(Object node, ErrorCode code, String message, String hint) {
        at(node, Severity.ERROR, code, message, hint);
    }

    List<Diagnostic> diagnostics() {
        return diagnostics;
    }

    private static Token firstToken(Object node) {
        if (node instanceof net.sf.jsqlparser.expression.CastExpression cast) {
            return firstToken(cast.getLeftExpression());
        }
        if (node instanceof net.sf.jsqlparser.expression.BinaryExpression binary) {
            return firstToken(binary.getLeftExpression());
        }
        if (node instanceof ASTNodeAccess access) {
            SimpleNode ast = access.getASTNode();
            if (ast != null && ast.jjtGetFirstToken() != null) {
                return ast.jjtGetFirstToken();
            }
        }
        return null;
    }
}
