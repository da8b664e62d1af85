package io.tviewstudio.core.playbook;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders a {@link GuideDocument} as one self-contained, printable HTML page (inline CSS, no
 * scripts, no external resources), so it can be opened and printed on a machine without network.
 */
public final class GuideHtmlRenderer {

    private static final Pattern INLINE = Pattern.compile("`([^`]+)`|\\*\\*([^*]+)\\*\\*");

    private static final String STYLE = """
            body { font-family: sans-serif; max-width: 60em; margin: 2em auto; padding: 0 1em; line-height: 1.45; color: #111; }
            h1 { border-bottom: 2px solid #333; }
            h2 { border-bottom: 1px solid #999; margin-top: 2em; page-break-before: auto; }
            h3 { margin-top: 1.4em; }
            pre { background: #f4f4f4; border: 1px solid #ccc; padding: .6em; overflow-x: auto; white-space: pre-wrap; page-break-inside: avoid; }
            code { font-family: monospace; font-size: 95%; }
            table { border-collapse: collapse; margin: .5em 0; }
            th, td { border: 1px solid #999; padding: .2em .5em; text-align: left; vertical-align: top; }
            @media print { body { max-width: none; margin: 0; } a { color: inherit; text-decoration: none; } h2 { page-break-before: always; } }
            """;

    private GuideHtmlRenderer() {
    }

    public static String render(GuideDocument document) {
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(escape(document.title())).append("</title>\n<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n")
                .append("<h1>").append(escape(document.title())).append("</h1>\n");
        for (GuideDocument.Block block : document.blocks()) {
            switch (block) {
                case GuideDocument.Heading h -> html.append("<h").append(h.level()).append(" id=\"").append(escape(h.anchor())).append("\">")
                        .append(inline(h.text())).append("</h").append(h.level()).append(">\n");
                case GuideDocument.Paragraph p -> html.append("<p>").append(inline(p.text())).append("</p>\n");
                case GuideDocument.Code c -> html.append("<pre><code class=\"language-").append(c.language()).append("\">")
                        .append(escape(c.text())).append("</code></pre>\n");
                case GuideDocument.Bullets b -> {
                    html.append("<ul>\n");
                    b.items().forEach(item -> html.append("<li>").append(inline(item)).append("</li>\n"));
                    html.append("</ul>\n");
                }
                case GuideDocument.Steps s -> {
                    html.append("<ol>\n");
                    s.items().forEach(item -> html.append("<li>").append(inline(item)).append("</li>\n"));
                    html.append("</ol>\n");
                }
                case GuideDocument.Table t -> {
                    html.append("<table>\n<tr>");
                    t.header().forEach(cell -> html.append("<th>").append(inline(cell)).append("</th>"));
                    html.append("</tr>\n");
                    for (var row : t.rows()) {
                        html.append("<tr>");
                        row.forEach(cell -> html.append("<td>").append(inline(cell)).append("</td>"));
                        html.append("</tr>\n");
                    }
                    html.append("</table>\n");
                }
            }
        }
        return html.append("</body>\n</html>\n").toString();
    }

    /** Escapes the text and turns `code` and **bold** into elements; links in Markdown form stay as text. */
    static String inline(String text) {
        StringBuilder out = new StringBuilder();
        Matcher matcher = INLINE.matcher(text);
        int last = 0;
        while (matcher.find()) {
            out.append(escape(text.substring(last, matcher.start())));
            if (matcher.group(1) != null) {
                out.append("<code>").append(escape(matcher.group(1))).append("</code>");
            } else {
                out.append("<strong>").append(escape(matcher.group(2))).append("</strong>");
            }
            last = matcher.end();
        }
        return out.append(escape(text.substring(last))).toString();
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
