package io.vsguard.cli.serve;

import gg.jte.html.HtmlTemplateOutput;
import gg.jte.html.OwaspHtmlTemplateOutput;
import gg.jte.output.StringOutput;
import io.vsguard.core.audit.Verification;
import java.util.function.Consumer;

/**
 * The web view's pages, rendered by the jte templates in {@code src/main/jte}. The build turns each
 * template into a class of this package (JteNAMEGenerated) with HTML content type: every value a
 * template writes with {@code ${…}} is escaped for where it stands (element text or attribute), and
 * no template writes unescaped output. This class calls those classes directly, so a template's
 * parameters are checked by the compiler and nothing is looked up or compiled at run time.
 */
final class Pages {
  private static final int CAPACITY = 16 * 1024;

  private Pages() {}

  /** Who is signed in, and the CSRF token the page's sign-out form carries. */
  record Viewer(String user, String csrf) {}

  /** The chain's verification for the header, or why it could not be read. */
  record Chain(Verification verification, String failure) {
    /** The header's banner; any state other than intact reads as a warning or worse. */
    Banner banner() {
      if (failure != null) {
        return new Banner("bad", "Audit chain cannot be read: " + failure, null);
      }
      if (verification instanceof Verification.Intact i) {
        return new Banner(
            "ok",
            "✓ Audit chain intact · " + Fmt.count(i.records(), "record"),
            "head " + i.headSha256());
      }
      if (verification instanceof Verification.TornTail t) {
        return new Banner(
            "warn",
            "Audit chain intact for "
                + Fmt.count(t.records(), "record")
                + "; an interrupted"
                + " write ("
                + t.bytes()
                + " bytes at line "
                + t.line()
                + ") was never acknowledged and is cut off by"
                + " the next record",
            "head " + t.headSha256());
      }
      if (verification instanceof Verification.Broken b) {
        return new Banner(
            "bad",
            "✗ Audit chain BROKEN at line "
                + b.line()
                + (b.recordId() == null ? "" : " (decision " + b.recordId() + ")")
                + ": "
                + b.reason()
                + ". Records from there on are not trusted.",
            null);
      }
      return new Banner("bad", "Audit chain state unknown to this page: " + verification, null);
    }
  }

  /**
   * @param level ok, warn or bad (the banner's colour)
   * @param detail the tooltip, or null
   */
  record Banner(String level, String text, String detail) {}

  static String login(String error, String csrf) {
    return render(o -> JteloginGenerated.render(o, null, error, csrf));
  }

  /** A page that only says something: an unknown decision, an unreadable log, a bad address. */
  static String message(
      Viewer viewer, Chain chain, String title, String heading, String text, boolean alert) {
    return render(
        o -> JtemessageGenerated.render(o, null, title, viewer, chain, heading, text, alert));
  }

  static String list(Viewer viewer, Chain chain, ListPage page) {
    return render(o -> JtelistGenerated.render(o, null, viewer, chain, page));
  }

  static String decision(Viewer viewer, Chain chain, DecisionPage page) {
    return render(o -> JtedecisionGenerated.render(o, null, viewer, chain, page));
  }

  private static String render(Consumer<HtmlTemplateOutput> template) {
    StringOutput out = new StringOutput(CAPACITY);
    template.accept(new OwaspHtmlTemplateOutput(out));
    return out.toString();
  }
}
