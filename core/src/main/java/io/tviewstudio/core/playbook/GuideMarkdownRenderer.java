package io.tviewstudio.core.playbook;

/** Renders a {@link GuideDocument} as Markdown (GitHub flavour: fenced code, pipe tables). */
public final class GuideMarkdownRenderer {

    private GuideMarkdownRenderer() {
    }

    public static String render(GuideDocument document) {
        StringBuilder md = new StringBuilder("# ").append(document.title()).append("\n\n");
        for (GuideDocument.Block block : document.blocks()) {
            switch (block) {
                case GuideDocument.Heading h -> md.append("#".repeat(h.level())).append(' ').append(h.text()).append("\n\n");
                case GuideDocument.Paragraph p -> md.append(p.text()).append("\n\n");
                case GuideDocument.Code c -> md.append("```").append(c.language()).append('\n').append(c.text()).append("\n```\n\n");
                case GuideDocument.Bullets b -> {
                    b.items().forEach(item -> md.append("- ").append(item).append('\n'));
                    md.append('\n');
                }
                case GuideDocument.Steps s -> {
                    for (int i = 0; i < s.items().size(); i++) {
                        md.append(i + 1).append(". ").append(s.items().get(i)).append('\n');
                    }
                    md.append('\n');
                }
                case GuideDocument.Table t -> {
                    md.append("| ").append(String.join(" | ", t.header())).append(" |\n");
                    md.append("|").append("---|".repeat(t.header().size())).append('\n');
                    t.rows().forEach(row -> md.append("| ").append(String.join(" | ",
                            row.stream().map(cell -> cell.replace("|", "\\|")).toList())).append(" |\n"));
                    md.append('\n');
                }
            }
        }
        return md.toString();
    }
}
