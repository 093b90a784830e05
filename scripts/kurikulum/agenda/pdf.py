"""The agenda as an A4 PDF in the handouts' style (``theme/handout/agenda.html`` + ``handout.css``).

Rendered by the same WeasyPrint setup as the handouts (:func:`kurikulum.handouts.pdf.render_pdf`):
fonts embedded and subset, black on white, confined to the template and font folders.
"""

from __future__ import annotations

from kurikulum.agenda import text
from kurikulum.agenda.plan import Plan
from kurikulum.assets import print_theme
from kurikulum.handouts.document import environment
from kurikulum.handouts.jobs import iso_time
from kurikulum.handouts.pdf import RenderedPdf, render_pdf
from kurikulum.handouts.revision import source_revision
from kurikulum.language import Words
from kurikulum.settings import Settings

TEMPLATE = "agenda.html"


def agenda_html(result: Plan, settings: Settings, words: Words, lang: str) -> str:
    revision = source_revision(settings.root)
    template = environment(print_theme(settings.root) / "handout").get_template(TEMPLATE)
    return template.render(
        lang=lang,
        words=words,
        plan=result,
        data=result.as_data(),
        organisation=settings.name,
        say=lambda key, **params: text.say(words, key, **params),
        day_title=lambda day: text.day_title(day, words),
        rule_text=lambda rule: text.rule_text(rule, words),
        amount=text.amount,
        summary=text.summary(result, words),
        totals=text.totals(result, words),
        address=text.page_address(result, settings, lang),
        revision=revision.short or words.ui("no_revision"),
        created=iso_time(revision.epoch),
    )


def render_agenda(result: Plan, settings: Settings, words: Words, lang: str) -> RenderedPdf:
    folder = print_theme(settings.root) / "handout"
    allowed = (str(folder.resolve()), str((folder.parent / "fonts").resolve()))
    return render_pdf(agenda_html(result, settings, words, lang), folder.resolve().as_uri() + "/", allowed)
