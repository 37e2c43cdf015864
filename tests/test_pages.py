import os
import subprocess
import sys
from pathlib import Path

import pytest

from briefing_bot.extractive import summarize
from briefing_bot.inputs import classify
from briefing_bot.models import InputKind
from briefing_bot.pages import (
    content_hash,
    extract_page,
    html_to_text,
    input_kind,
    is_link_list,
    is_teaser_list,
    strip_boilerplate,
    tells_teaser,
    without_link_runs,
)
from briefing_bot.text import strip_credits

PAGES = Path(__file__).parent / "data" / "pages"


def test_html_fragment_keeps_paragraphs_apart() -> None:
    text = html_to_text("<p>First <b>bold</b> line.</p><p>Second&nbsp;line &amp; more.</p>"
                        "<script>alert(1)</script>")
    assert text == "First bold line.\nSecond line & more."


def test_plain_text_with_entities_is_unescaped() -> None:
    assert html_to_text("Fish &amp; chips") == "Fish & chips"


def test_broken_html_still_gives_text() -> None:
    assert "unclosed" in html_to_text("<p>unclosed <b>tags <i>everywhere")


def test_boilerplate_lines_are_dropped_and_the_story_kept() -> None:
    text = "\n".join([
        "Home", "World", "Sport", "Weather",
        "By Anna Berg",
        "The council approved the plan on Tuesday after a long debate.",
        "Share this article",
        "Residents welcomed the decision, saying it was overdue.",
        "Subscribe to our newsletter",
        "Related headlines",
        "Bus fares frozen for another year",
        "New cycle lane opens on Mill Street",
        "Photo: Getty Images",
        "© 2026 Test Gazette. All rights reserved.",
    ])
    assert strip_boilerplate(text) == (
        "The council approved the plan on Tuesday after a long debate.\n"
        "Residents welcomed the decision, saying it was overdue.")


def test_share_and_log_in_lines_in_german_french_and_spanish_are_dropped() -> None:
    """Exploratory QA: "Jetzt teilen:" reached a title and "Melden Sie sich an und
    diskutieren Sie mit" a summary."""
    furniture = ["Jetzt teilen:", "Artikel teilen", "Teilen auf Facebook", "Jetzt abonnieren",
                 "Melden Sie sich an und diskutieren Sie mit", "Anmelden Pfeil nach rechts",
                 "Lesen Sie auch: Neue Pläne",
                 "Bild: dpa", "Lesezeit: 3 Min.", "Partager sur Twitter", "Lire aussi : la grève",
                 "Abonnez-vous à notre newsletter", "Compartir en Twitter", "Leer más",
                 "Suscríbete al boletín", "Publicidad"]
    text = "\n".join(["Der Rat tagte am Montag.", *furniture, "Er tagt wieder im Mai."])
    assert strip_boilerplate(text) == "Der Rat tagte am Montag.\nEr tagt wieder im Mai."
    # News sentences that start with the same words stay (review: the first patterns took
    # "Kommentieren wollte das Unternehmen die Vorwürfe nicht." for a button).
    kept = "\n".join([
        "Kommentieren wollte das Unternehmen die Vorwürfe nicht.",
        "Anmelden können sich Interessierte bis Freitag.",
        "Teilen will die Regierung die Kosten mit den Ländern.",
        "Abonnieren lässt sich der Dienst ab Mai.",
        "Compartir este tipo de contenidos es ilegal, recordó el juez.",
        "Publicidad engañosa: la multa asciende a dos millones.",
        "Se connecter à Internet reste un luxe dans la région.",
        "Partager le pouvoir reste difficile, dit-il.",
        "Lire aussi les conclusions du rapport, a conseillé le ministre."])
    assert strip_boilerplate(kept) == kept


def test_a_consent_banner_goes_and_news_about_cookies_stays() -> None:
    banner = ("We and our 842 partners store and/or access information on a device, such as "
              "cookies, for personalised ads and content and ad and content measurement.")
    news = ("The regulator said the site placed cookies without consent and shared personal "
            "data with partners, breaking the law.\nThe company said it would change its "
            "cookie policy and let users reject all tracking.")
    assert strip_boilerplate(f"{banner}\n{news}") == news
    # News quoting a banner's phrases stays (review: a ruling on Meta's "legitimate interest"
    # for "personalised ads", a fine for "accept all" without "reject all", a minister).
    quoted = [
        "The EU's top court ruled on Tuesday that Meta cannot rely on 'legitimate interest' to "
        "show personalised ads to Facebook and Instagram users.",
        "The French regulator fined Google because its sites offered an 'accept all' button "
        "on the first screen but no 'reject all' button.",
        "'We and our partners will defend our legitimate interests in the region,' the "
        "foreign minister said."]
    assert strip_boilerplate("\n".join(quoted)) == "\n".join(quoted)


def test_a_page_must_tell_its_teasers_words_and_names() -> None:
    """Review: a story about cookies shares a consent wall's words, not its names."""
    wall = ("We and our partners store and/or access information on a device, such as "
            "cookies, and process personal data for personalised advertising and content, "
            "advertising measurement and audience research. You may consent or refuse.")
    privacy = "Google's Chrome will block third-party cookies used for personalised advertising."
    article = ("Google said on Tuesday that its Chrome browser will block third-party cookies "
               "used for personalised advertising from next year, after regulators objected.")
    assert not tells_teaser(wall, privacy)
    assert tells_teaser(article, privacy)
    # A short German title is read in German (the page's language), not with English stop
    # words that count "der" and "und" as content (review), and short is no free pass.
    german_wall = ("Wir und unsere Partner speichern und verarbeiten Informationen auf Ihrem "
                   "Gerät, etwa Cookies, und personenbezogene Daten für personalisierte Werbung "
                   "und Inhalte. Sie können Ihre Einwilligung jederzeit widerrufen.")
    assert not tells_teaser(german_wall, "", title="Die Bahn und der Streik in Bayern")


def test_page_extraction_returns_title_and_clean_main_text() -> None:
    page = extract_page((PAGES / "parking.html").read_bytes())
    title, text = page.title, page.text
    assert title == "Council to vote on parking fees"
    assert "double the fees for parking" in text
    assert "first of March" in text
    for junk in ("Share this", "Subscribe", "Bus fares frozen", "Anna Berg", "All rights",
                 "Sport"):
        assert junk not in text
    assert input_kind(text) is InputKind.FULL


def test_a_newsletter_box_before_the_first_paragraph_is_not_the_articles_opening() -> None:
    # Reader QA (stop 36): the page was stored opening "Sign up for our Morning Briefing
    # newsletter…", and an update's Related line showed that as the report's lead.
    page = extract_page(
        "<html><head><title>The Daily Ledger</title></head><body><main><article>"
        '<p class="byline">By Staff Reporter | Updated 2 hours ago</p><div class="newsletter">'
        "<p>Sign up for our Morning Briefing newsletter and get the news you need delivered "
        "to your inbox every day.</p><form><input type=email><button>Subscribe</button>"
        "</form></div><p>AN AUSTRALIAN climber who watched his brother fall to his death on "
        "New Zealand's highest peak said he was expecting to die that night on the "
        "treacherous mountain.</p></article></main></body></html>")
    assert page.text.startswith("AN AUSTRALIAN climber who watched his brother fall")
    assert "newsletter" not in page.text

    # A newsroom asking for comment is kept in the text (review: only the summaries skip it).
    asked = strip_boilerplate("The office did not respond to a request for comment.\n"
                              "The bill passed on Tuesday by a wide margin in the House.")
    assert asked.startswith("The office did not respond to a request for comment.")


def test_page_without_text_gives_nothing() -> None:
    assert extract_page(b"<html><body></body></html>").text == ""
    assert extract_page(b"\x89PNG\x00\x00 not html").text == ""


@pytest.mark.parametrize(
    ("text", "kind"),
    [("", InputKind.TITLE), ("One short teaser sentence.", InputKind.TEASER),
     ("word " * 80, InputKind.FULL)],
)
def test_input_kind(text: str, kind: InputKind) -> None:
    assert input_kind(text) is kind


def test_content_hash_ignores_case_spacing_and_punctuation() -> None:
    body = "The council approved the plan on Tuesday. " * 10
    assert content_hash(body) == content_hash(body.upper().replace(" ", "  ").replace(".", "!"))
    assert content_hash(body) != content_hash(body + "More.")


def test_short_texts_have_no_content_hash() -> None:
    assert content_hash("Sunny, 20 degrees.") is None


@pytest.mark.parametrize(
    "sentence",
    [
        "By contrast, the ministry said the plan would cost less than expected.",
        "By Tuesday, prices had risen for the third week in a row.",
        "Copyright law was reformed in 2019, the court noted.",
        "Trending upward, shares rose.",
        "Related talks will resume next week in Geneva.",
        "Share prices fell sharply after the announcement on Monday.",
        "Photographers were kept away from the scene by police.",
        "AC/DC announced a tour with Guns N' Roses (Geffen/Universal).",
        "He answered (in Arabic/English) that it was over.",
        "NEW YORK (Reuters) - Stocks fell sharply.",
        "Sprint and Fuji Photo Film USA introduced a new service.",
    ],
)
def test_real_sentences_that_look_like_furniture_are_kept(sentence: str) -> None:
    text = f"The council met on Monday.\n{sentence}\nIt will meet again in May."
    assert sentence in strip_boilerplate(text)


@pytest.mark.parametrize(("line", "kept"), [
    # Photo credits and player controls inside a line of scraped text cut a sentence in two;
    # each of these reached a summary of the dev sets' tuning halves.
    ("Gordon spoke in Urbandale, Iowa. (AP Photo/Charlie Neibergall) (Associated Press) He "
     "left.", "Gordon spoke in Urbandale, Iowa. He left."),
    ("Leaders walk to the floor Wednesday. | John Shinkle/POLITICO Leaders reach budget deal.",
     "Leaders walk to the floor Wednesday. Leaders reach budget deal."),
    ("The district. | Manuel Balce Ceneta/AP Photo His son donates to Democrats.",
     "The district. His son donates to Democrats."),
    ("K-Cup coffee packs. (Joe Raedle/Getty Images) It has been called a razor business.",
     "K-Cup coffee packs. It has been called a razor business."),
    ("Bayerns Wappen. - © Foto: Markus Schreiber/AP-Pool/dpa Nach viel Streit sieht er es.",
     "Bayerns Wappen. Nach viel Streit sieht er es."),
    # Exploratory QA (stop 26): a story was titled "REUTERS/Jonathan Ernst Sen. Bernie…".
    ("Sanders speaks in Iowa. REUTERS/Jonathan Ernst Sanders was asked whether he would run.",
     "Sanders speaks in Iowa. Sanders was asked whether he would run."),
    ("Protesters march in Paris. AFP/Getty Images The crowd grew.",
     "Protesters march in Paris. The crowd grew."),
    ("A Reuters/Ipsos Poll found support fell.", "A Reuters/Ipsos Poll found support fell."),
    # Found by review: an agency's name inside other words, and names of three parts.
    ("The EPA/Army Corps rule was struck down.", "The EPA/Army Corps rule was struck down."),
    ("Roads closed, SEPA/Scottish Water said.", "Roads closed, SEPA/Scottish Water said."),
    ("Crowds gathered. REUTERS/Mohammed Al-Sudani Police watched.",
     "Crowds gathered. Police watched."),
    ("A phone. REUTERS/Dado Ruvic/Illustration Apps were removed.",
     "A phone. Apps were removed."),
    # Exploratory QA (stop 27): German credits and share buttons inside scraped lines.
    ("(Bild: Annick Ramp / NZZ) Herr Rochat, Sie sind neu.", "Herr Rochat, Sie sind neu."),
    ("Schüler im Austausch Jetzt teilen: Jetzt teilen: Mainz – Mehr als 6000 nahmen teil.",
     "Schüler im Austausch Mainz – Mehr als 6000 nahmen teil."),
    ("Soldat entlassen. Melden Sie sich an und diskutieren Sie mit Anmelden Pfeil nach rechts",
     "Soldat entlassen."),
    # ...and the paper "Bild" or an arrow in a sentence stay (review).
    ("Das sagte er der (Bild am Sonntag) am Wochenende.",
     "Das sagte er der (Bild am Sonntag) am Wochenende."),
    ("Der Pfeil nach rechts leuchtet.", "Der Pfeil nach rechts leuchtet."),
    ("Image copyright Getty Images Image caption The band broke up in 1980.",
     "The band broke up in 1980."),
    ("Updated | When the first humans left Africa, they met others.",
     "When the first humans left Africa, they met others."),
    ("CLOSE Skip in Skip x Embed x Share A former officer was charged.",
     "A former officer was charged."),
    # Seen in the bot's briefing of the dev sets' tuning halves: a video player's button.
    ("CLOSE Bone-chilling cold gripped much of the U.S. as 2018 began.",
     "Bone-chilling cold gripped much of the U.S. as 2018 began."),
    ("Skip in Skip x Embed x Share CLOSE BABY, IT'S COLD OUTSIDE Thawing ice spells trouble.",
     "BABY, IT'S COLD OUTSIDE Thawing ice spells trouble."),
    # Found by review: all-capitals headlines and words that begin with the button's name.
    ("CLOSE to 100 people were evacuated.", "CLOSE to 100 people were evacuated."),
    ("CLOSE CALL: Driver escapes as tree crushes car",
     "CLOSE CALL: Driver escapes as tree crushes car"),
    ("CLOSE BROTHERS GROUP PLC ANNOUNCES INTERIM RESULTS",
     "CLOSE BROTHERS GROUP PLC ANNOUNCES INTERIM RESULTS"),
    ("Skip in Skip x Embed x Share CLOSE-UP of the damage", "CLOSE-UP of the damage"),
    ("Enlarge this image toggle caption Bryan Bedder/Getty Images Bryan Bedder/Getty Images "
     "Prodigy, one-half of Mobb Deep, has died.", "Prodigy, one-half of Mobb Deep, has died."),
])
def test_credits_inside_a_line_are_dropped(line: str, kept: str) -> None:
    assert strip_boilerplate(f"The council met on Monday.\n{line}") == (
        f"The council met on Monday.\n{kept}")


def test_a_character_reference_to_a_control_character_is_dropped_not_fatal() -> None:
    # A feed's description with "&#x7;" inside a paragraph: lxml refused to hold the control
    # character it spells, and the whole feed failed (found by fuzzing).
    assert html_to_text("<p>Veloria&#x7;s coast</p><p>was hit&#x1;.</p>") == (
        "Velorias coast\nwas hit.")


def test_a_list_of_headlines_is_no_article() -> None:
    # Reader QA: /summarize of a home page ran its headlines and time stamps together.
    home = ("Markets close mixed as oil slips\n50 minutes ago\nFive things to do this weekend\n"
            "27 minutes ago\nWeather: rain expected on Sunday\n56 minutes ago\n"
            "Opinion: Why the bus matters\nPodcast: the week in politics")
    live = ("LIVE: Election night as it happened\n"
            "23:58 — That's all from us tonight. Thanks for following.\n"
            "23:40 — Turnout was 61%, the electoral commission says.\n"
            "23:12 — The Green candidate concedes in Bristol Central.\n"
            "22:30 — First result: Sunderland South declares, Labour hold with a majority.\n"
            "22:00 — Polls have closed. The exit poll suggests a hung parliament.")
    article = ("The council approved the harbour plan on Monday after a long debate.\n"
               "Work starts in May and should take two years, the mayor said.\n" * 3)
    # Sentences of other scripts end otherwise (review 2: a Hindi article was refused).
    hindi = "\n".join(["सरकार ने सोमवार को नई रेल नीति की घोषणा की और किराए स्थिर रखे।"] * 6)
    chinese = "\n".join(["渡轮在维洛里亚海岸倾覆，海岸警卫队说三人死亡，其余乘客已被救上岸。"] * 6)
    assert is_link_list(home)
    assert not is_link_list(live) and not is_link_list(article)
    assert not is_link_list(hindi) and not is_link_list(chinese)
    assert not is_link_list("Markets close mixed\n50 minutes ago")  # too little to tell


GERMAN_BANNER = (
    "Um die Funktion unserer Website zu verbessern und die relevantesten Nachrichten und "
    "zielgerichtete Werbung anzuzeigen, sammeln wir technische anonymisierte Informationen über "
    "Sie, unter anderem mit Instrumenten unserer Partner. Ausführliche Informationen zur "
    "Datenverarbeitung finden Sie in den Datenschutzrichtlinien. Ausführliche Informationen zu "
    "den von uns genutzten Technologien finden Sie in den Regeln der Cookies-Nutzung.\n"
    "Indem Sie „Akzeptieren und schließen“ anklicken, stimmen Sie ausdrücklich der Verarbeitung "
    "Ihrer persönlichen Daten zu, damit das beschriebene Ziel erreicht wird.\n"
    "Ihre Zustimmung können Sie auf die Weise widerrufen, wie in den Datenschutzrichtlinien "
    "beschrieben.")


def test_a_german_sites_own_consent_banner_goes_and_news_about_data_stays() -> None:
    """Reader QA: a German feed item whose whole text was its site's banner was a story's
    summary, sent to French and Spanish readers."""
    news = ("Die Datenschutzbehörde erklärte, die Verarbeitung Ihrer persönlichen Daten durch "
            "die App verstoße gegen die eigene Datenschutzerklärung des Konzerns.")
    assert strip_boilerplate(f"{GERMAN_BANNER}\n{news}") == news
    # The commonest German banner too (second QA stop 63 G6: a short page's summary opened
    # with it); a report on cookies keeps its sentence.
    common = ("Wir verwenden Cookies und ähnliche Technologien, um Ihnen ein optimales "
              "Nutzungserlebnis zu bieten. Mit Klick auf „Alle akzeptieren“ stimmen Sie der "
              "Verarbeitung zu.")
    assert strip_boilerplate(f"{common}\n{news}") == news
    report = ("Der Verband sagte: „Wir verwenden Cookies nur, wenn Nutzer zustimmen“, und "
              "verwies auf das neue Gesetz.")
    assert strip_boilerplate(report) == report


def test_a_teaser_that_is_its_sites_banner_is_no_text() -> None:
    """German QA (stop 57, F1): a feed item's teaser was the first sentence of its site's
    banner, and German and English readers got it as the news of a story that held a full
    English report. Alone, it is no text (the item is its headline); a teaser about
    advertising rules is one."""
    teaser = GERMAN_BANNER.partition(". ")[0].replace("zielgerichtete", "zielgrichtete") + "."
    assert input_kind(teaser) is InputKind.TITLE
    assert input_kind("Die Regierung will personalisierte Werbung für Kinder verbieten, sagte "
                      "die Ministerin am Montag.") is InputKind.TEASER


def test_a_photo_caption_is_not_the_articles_first_sentence() -> None:
    """Reader QA: the credit was stripped from a caption's line and the caption stayed, the
    first sentence of five readers' top story: "Bernie Sanders (2nd row down, center) liked
    what he heard." """
    page = extract_page(
        "<html><head><title>The Daily Ledger</title></head><body><article><p>Bernie Sanders "
        "(2nd row down, center) liked what he heard. REUTERS/Jonathan Ernst</p><p>Sen. Bernie "
        "Sanders was the lone Democratic presidential hopeful in the House chamber for Pope "
        "Francis's speech. When he left, he was beaming, as the pope had cited an American "
        "Catholic whom Sanders had plenty of praise for.</p></article></body></html>")
    assert page.text.startswith("Sen. Bernie Sanders was the lone Democratic"), page.text
    assert "liked what he heard" not in page.text


def test_share_labels_and_font_buttons_run_into_a_text_are_dropped() -> None:
    """Reader QA: "Share this too The Ogun state command…" opened a summary, and "A+ A-" sat
    in a pasted article's first sentence."""
    assert strip_boilerplate(
        "Share this too The Ogun state command of the Nigerian Police has arrested three "
        "suspects.") == ("The Ogun state command of the Nigerian Police has arrested three "
                         "suspects.")
    assert strip_boilerplate(
        "BMW gets smashed by train, driver survives A+ A- Los Angeles: Horrific video has gone "
        "viral.") == ("BMW gets smashed by train, driver survives Los Angeles: Horrific video "
                      "has gone viral.")
    # A sentence about sharing keeps its words (the label needs a capital after it).
    kept = "Share this week's prize money with the other teams, the coach said."
    assert strip_credits(kept) == kept


@pytest.mark.parametrize("prompt", [
    "Continue reading: subscribe for $1 a week to read the full story.",
    "Lesen Sie weiter mit SZ Plus.",
    "Subscribe to continue reading. Already a subscriber? Log in."])
def test_a_paywalled_pages_prompt_to_read_on_is_no_part_of_its_text(prompt: str) -> None:
    """QA stop 63 F3: half of a paywalled page's summary was the publisher's pitch, the
    very line that made its "(from the free part of the page only)" label."""
    page = extract_page(
        "<html><head><title>India seeks to boost construction</title>"
        '<script type="application/ld+json">{"@type": "NewsArticle", '
        '"isAccessibleForFree": false}</script></head><body><article>'
        "<h1>India seeks to boost construction</h1><p>India has cleared a proposal allowing "
        "up to 100% foreign direct investment in its construction sector, officials in New "
        f"Delhi said on Monday.</p><p>{prompt}</p></article></body></html>")
    assert page.paywalled
    assert page.text.endswith("officials in New Delhi said on Monday."), page.text


TEASERS = (("Ad sales boost Time Warner profit", "Quarterly profits at US media giant TimeWarner "
            "jumped 76% to $1.13bn (£600m) for the three months to December, from $639"),
           ("India seeks to boost construction", "India has cleared a proposal allowing up to "
            "100% foreign direct investment in its construction sector."),
           ("Liberian economy starts to grow", "The Liberian economy started to grow in 2004, "
            "but reform efforts are needed to ensure long term gro"),
           ("Macy's deal to shut stores", "Macy's will close dozens of stores after its merger "
            "with its rival, the company said on Tuesday in a statement to"),
           ("Baltimore mayor sacks police chief", "Baltimore's mayor has sacked the city's "
            "police commissioner after a rise in killings this year in the"))


def test_a_home_page_of_headlines_and_teasers_is_no_article() -> None:
    """QA stop 63 F2: a home page whose headlines each carry a line of teaser was summarized
    as three unrelated stories, headline glued to teaser ("…Time Warner profit Quarterly
    profits…"). An article with links in its sentences and a list of related links is one."""
    items = "".join(f'<li><a href="/news/{n}"><h3>{title}</h3></a><p>{teaser}…</p></li>'
                    for n, (title, teaser) in enumerate(TEASERS))
    home = ("<html><head><title>The Daily Ledger - News</title></head><body><nav><a href='/'>"
            f"Home</a></nav><main><h1>Top stories</h1><ul>{items}</ul></main></body></html>")
    assert is_teaser_list(home, extract_page(home).text)
    # ...in the other usual shapes (second QA stop 63 G2): the headline a link of its own
    # above its teaser, a card with a kicker, teasers ending with a full stop.
    for item in ('<article><h3><a href="/n/{n}">{title}</a></h3><p>{teaser}.</p></article>',
                 '<article><span class="kicker">Business</span><a href="/n/{n}"><h3>{title}'
                 '</h3><p>{teaser}…</p></a></article>'):
        cards = "".join(item.format(n=n, title=title, teaser=teaser)
                        for n, (title, teaser) in enumerate(TEASERS))
        page = f"<html><head><title>News</title></head><body><main>{cards}</main></body></html>"
        assert is_teaser_list(page, extract_page(page).text), item
    related = "".join(f'<li><a href="/news/{n}">{title}</a></li>'
                      for n, (title, _) in enumerate(TEASERS))
    paragraphs = "".join(
        f"<p>{teaser}, as <a href='/news/{n}'>{title.lower()}</a> reported earlier. The "
        "figures were published on Tuesday and discussed by analysts in the City.</p>"
        for n, (title, teaser) in enumerate(TEASERS))
    article = (f"<html><head><title>Markets week</title></head><body><article><h1>Markets "
               f"week</h1>{paragraphs}</article><aside><h2>Related</h2><ul>{related}</ul>"
               "</aside></body></html>")
    assert not is_teaser_list(article, extract_page(article).text)
    # Nor an explainer whose section headings link to themselves (review, stop 63: heading
    # anchors of blog engines read as a home page's cards).
    sections = "".join(
        f'<h2 id="s{n}"><a href="#s{n}">{title}, and what comes next</a></h2><p>{teaser}, '
        "officials said.</p>" for n, (title, teaser) in enumerate(TEASERS))
    explainer = (f"<html><head><title>Explained</title></head><body><article><h1>Explained"
                 f"</h1>{sections}</article></body></html>")
    assert not is_teaser_list(explainer, extract_page(explainer).text)


BUDGET_POSTS: tuple[tuple[str, str], ...] = (
    ("14:05", "The chancellor has sat down after speaking for 58 minutes. Markets reacted "
     "calmly, with the pound little changed."),
    ("13:50", "Fuel duty will be frozen for another year, the chancellor says, to cheers from "
     "the government benches."),
    ("13:42", "Income tax thresholds will rise in line with inflation from April, costing the "
     "Treasury £2bn a year."),
    ("13:30", "The chancellor begins by saying the economy grew faster than expected last "
     "year, at 1.8%."),
    ("13:10", "Welcome to our live coverage of the budget. The chancellor is due to stand up "
     "at 12:30 GMT."))


def live_page(posts: str, head: str = "") -> str:
    return ("<html><head><title>Live: Budget day</title></head><body>"
            f"<article><h1>Live: Budget day as it happened</h1>{head}{posts}</article>"
            "</body></html>")


def budget_posts(order: slice = slice(None)) -> str:
    return "".join(f'<div class="post"><time>{time}</time><p>{text}</p></div>'
                   for time, text in BUDGET_POSTS[order])


def test_a_text_wrapped_by_hand_keeps_its_short_lines() -> None:
    """Review stop 64: in a text wrapped at 66 columns (a mail, a PDF, a text file), two
    lines of a sentence that open with capitals were taken for related-article links, and
    98 of 200 BBC texts so wrapped lost words. There a link is a paragraph of its own."""
    wrapped = ("The council met on Monday to decide the future of the old library\n"
               "in the town centre, which has been closed since the flood of\n"
               "January. The mayor said the building would be sold to a\n"
               "Developer from Leeds who plans to\n"
               "Turn it into flats by the end of next year, and that a new\n"
               "library would open near the station.\n\n"
               "Profile: the old library\n\nRead more about the flood\n\n"
               "Residents will be asked for their views at a meeting in May.")
    kept = "\n".join(without_link_runs(wrapped.split("\n")))
    assert "Developer from Leeds who plans to\nTurn it into flats" in kept
    assert "Profile" not in kept and "Read more" not in kept


def test_a_live_blogs_posts_newest_first_are_read_oldest_first() -> None:
    """QA stop 63 F16: a live blog's summary read "The chancellor has sat down… The
    chancellor begins by saying…": the page runs its posts newest first, the extractor
    drops their times, and the summary keeps the text's order."""
    page = extract_page(live_page(budget_posts()))
    assert page.text == "\n".join(text for _, text in reversed(BUDGET_POSTS)), page.text
    assert page.title == "Live: Budget day as it happened"
    summary = " ".join(summarize([page.text], max_words=60))
    assert "begins by saying" in summary, summary
    assert "has sat down" not in summary.partition("begins by saying")[0], summary
    summary = " ".join(summarize([page.text], max_words=100))
    assert 0 <= summary.index("begins by saying") < summary.index("has sat down"), summary


def test_a_live_posts_own_paragraphs_keep_their_order() -> None:
    posts = budget_posts().replace(
        "<p>Fuel duty", "<p>The chancellor turns to motoring.</p><p>Fuel duty")
    lines = extract_page(live_page(posts)).text.splitlines()
    assert lines[0].startswith("Welcome to our live coverage")
    assert lines[3:5] == ["The chancellor turns to motoring.",
                          BUDGET_POSTS[1][1]], lines
    assert lines[5].startswith("The chancellor has sat down")


def test_only_a_live_blog_running_newest_first_is_reordered() -> None:
    """An oldest-first live blog, an article with its date and update times, a blog whose
    times cannot be read or rise somewhere, and a page whose posts are not most of its text
    keep the extractor's order; the newest-first blog beside them is turned around."""
    def as_extracted(texts: list[str]) -> str:
        # The extractor puts these pages' headline after their first post; so it was before.
        return "\n".join([texts[0], "Live: Budget day as it happened", *texts[1:]])

    document_order = as_extracted([text for _, text in BUDGET_POSTS])
    assert extract_page(live_page(budget_posts())).text != document_order
    oldest_first = extract_page(live_page(budget_posts(slice(None, None, -1)))).text
    assert oldest_first == as_extracted([text for _, text in reversed(BUDGET_POSTS)])
    # A time that cannot be read, or times that rise (a blog across midnight), leave it be.
    for first in ("Earlier", "00:05"):
        unread = budget_posts().replace("<time>14:05</time>", f"<time>{first}</time>")
        assert extract_page(live_page(unread)).text == document_order, first
    # ...and so does a post with an update's time beside its own, which could not be placed
    # (QA stop 64 J3: it was told last).
    updated = budget_posts().replace(
        "year, at 1.8%.</p>", "year, at 1.8%.</p><p>Updated at <time>13:52</time></p>")
    assert "Updated at" in extract_page(live_page(updated)).text
    assert extract_page(live_page(updated)).text.index("Welcome") > extract_page(
        live_page(updated)).text.index("sat down")
    article = ("<html><head><title>Council to vote on fees</title></head><body><article>"
               "<h1>Council to vote on fees</h1><p>Published <time datetime="
               '"2026-03-11T09:00:00Z">11 March 2026, 09:00</time></p>'
               "<p>The council will vote on Tuesday on a plan to double parking fees in the "
               "town centre, its leader said.</p><p>Residents have until "
               "<time>17:00</time> on Monday to comment on the plan, which would raise "
               "£2m a year for bus services.</p><p>The opposition said the plan would drive "
               "shoppers away from the high street.</p></article></body></html>")
    # (as the extractor gives it: it drops a <time> inside a sentence too)
    assert extract_page(article).text == (
        "Published\nThe council will vote on Tuesday on a plan to double parking fees in the "
        "town centre, its leader said.\nResidents have until on Monday to comment on the "
        "plan, which would raise £2m a year for bus services.\nThe opposition said the plan "
        "would drive shoppers away from the high street.")
    # A box of the latest headlines, newest first, beside a long article is no live blog.
    latest = "".join(f"<li><time>{time}</time> {text.split(',')[0]}</li>"
                     for time, text in BUDGET_POSTS)
    story = "".join(f"<p>{text} {text}</p>" for _, text in BUDGET_POSTS[2:]) * 3
    boxed = extract_page(live_page(f"{story}<ul>{latest}</ul>")).text
    assert boxed.startswith(BUDGET_POSTS[2][1]) and "Welcome to our" not in boxed.split(
        "\n")[0], boxed


def test_a_live_blogs_datetime_attributes_give_its_posts_times() -> None:
    """By `datetime` (ISO): read by their clock times alone, posts across midnight
    ("12:10am" after "11:50pm") would not run newest first."""
    times = ("2026-03-12T00:10:00Z", "2026-03-11T23:50:00Z", "2026-03-11T23:30:00Z",
             "2026-03-11T23:05:00Z", "2026-03-11T22:40:00Z")
    shown = ("12:10am", "11:50pm", "11:30pm", "11:05pm", "10:40pm")
    posts = "".join(f'<div class="post"><time datetime="{moment}">{clock}</time><p>{text}</p>'
                    "</div>" for moment, clock, (_, text) in zip(times, shown, BUDGET_POSTS,
                                                                 strict=True))
    text = extract_page(live_page(posts)).text
    assert text == "\n".join(text for _, text in reversed(BUDGET_POSTS)), text


def test_a_live_blogs_summary_tells_its_day_post_by_post() -> None:
    """QA stop 64 J6: a live blog, read oldest first, was summarized from its first hour
    ("Welcome to our live coverage… The cabinet has met…"), and the day's news never reached
    its reader; K1: a summary leaning on the text's end opened on a post's second paragraph
    ("She says…") and took the blog's promotion lines. Its posts are summarized as posts:
    each one's opening may be told, in the order they came, whichever order the page runs."""
    newest_first = (PAGES / "live_budget.html").read_text(encoding="utf-8")
    section = newest_first.split('<section class="posts">\n', 1)[1].split("</section>", 1)[0]
    oldest_first = newest_first.replace(section, "\n".join(reversed(section.splitlines()))
                                        + "\n")
    for markup in (newest_first, oldest_first):
        page = extract_page(markup)
        # (the welcome and the sign-off, "Thank you for joining us…", are furniture and go)
        assert len(page.posts) == 9, page.posts
        assert page.posts[0].startswith("The cabinet has met"), page.posts[0]
        assert "Fiscal Studies says" in page.posts[-1], page.posts[-1]
        assert not any("Follow live" in post for post in page.posts), page.posts
        openings = [post.split("\n")[1] if len(post.split("\n")[0].split()) < 8
                    else post.split("\n")[0] for post in page.posts]
        told = summarize(page.posts, max_words=60, max_sentences=3, posts=True)
        assert len(told) >= 2, told
        where = [next(n for n, opening in enumerate(openings) if sentence in opening)
                 for sentence in told]  # (each a post's opening sentence: no "She says…")
        assert where == sorted(where), told  # in the order they came
        # The day, not its first hour: the speech's announcements, beyond the welcome.
        assert max(where) >= 3 and not any("Follow live" in s or "newsletter" in s
                                           for s in told), told


def test_an_articles_chronology_is_no_live_blog() -> None:
    """Review stop 65 R1: an article's "How the night unfolded" (times opening paragraphs,
    oldest first) was read as a live blog's posts, and its summary lost the lead for
    "01:30 A fire breaks out…". Oldest first, only posts of their own with time elements
    are a blog's."""
    steps = "".join(f"<p><strong>{time}</strong> {text}</p>" for time, text in (
        ("01:30", "A fire breaks out in a hall where metals are treated with acids."),
        ("02:10", "The fire brigade raises the alert and calls in 200 firefighters."),
        ("04:45", "Firefighters tell residents to keep their windows shut."),
        ("09:00", "Police close roads around the site and divert buses."),
        ("13:20", "The fire service says the blaze is contained but not yet out."),
        ("17:40", "The fire is declared under control after sixteen hours.")))
    article = ("<html><body><article><h1>Berlin factory fire brought under control</h1>"
               "<p>Sixteen hours after the first alarm, firefighters in Berlin have brought "
               "the blaze at a metal works in Lichterfelde under control.</p><p>Residents "
               "were told to keep windows shut, and schools nearby stayed closed on "
               f"Friday.</p><h2>How the night unfolded</h2>{steps}</article></body></html>")
    page = extract_page(article)
    assert page.posts == ()
    assert page.text.startswith("Sixteen hours after the first alarm"), page.text
    # ...as a newest-first blog of time elements still is one, and its summary box counts.
    posts = "".join(
        f'<article><time datetime="2026-03-01T{time}:00Z">{time}</time><p>{text}</p></article>'
        for time, text in (
            ("16:40", "The red warning has ended, although an amber warning stays in place."),
            ("15:10", "They said the repairs would take until the weekend in some places."),
            ("13:05", "A man has died after a tree fell on his car in County Donegal."),
            ("11:20", "About 200,000 homes are without power in Northern Ireland."),
            ("09:00", "Winds of 100mph have been recorded on the coast of County Down.")))
    blog = extract_page(live_page(posts, head="<p>Storm Eowyn has cut power to 200,000 homes "
                                        "and closed schools across Northern Ireland.</p>"))
    assert blog.posts[0].startswith("Storm Eowyn has cut power"), blog.posts
    told = summarize(blog.posts, max_words=60, max_sentences=3, posts=True)
    assert not any(sentence.startswith("They said") for sentence in told), told
    assert any("tree fell" in sentence or "red warning" in sentence for sentence in told), told


def test_a_live_blog_with_times_in_its_text_and_furniture_between_posts() -> None:
    """Posts stamped in their text ("2:05pm", "14.05 GMT") as paragraphs, a post's second
    paragraph beside them, an advert between posts and an introduction at the top."""
    stamps = ("2:05pm", "1:50pm", "1.42pm", "13.30 GMT", "1:10pm")
    posts = "".join(f"<p><strong>{stamp}</strong> {text}</p>"
                    for stamp, (_, text) in zip(stamps, BUDGET_POSTS, strict=True))
    posts = posts.replace("<p><strong>1:50pm", '<div class="ad">Advertisement</div>'
                          "<p><strong>1:50pm").replace(
        "pound little changed.</p>", "pound little changed.</p><p>Gilts were steady too, "
        "traders in London said after the speech.</p>")
    lines = extract_page(live_page(
        posts, head="<p>Follow the chancellor's budget speech as it happens, with reaction "
        "from the markets and the opposition.</p>")).text.splitlines()
    assert lines[0].startswith("Follow the chancellor's budget"), lines
    assert lines[1].endswith(BUDGET_POSTS[4][1]), lines
    assert lines[-2].endswith(BUDGET_POSTS[0][1]), lines
    assert lines[-1].startswith("Gilts were steady"), lines


def test_a_pages_headline_is_kept_as_a_feeds_without_the_furniture_run_on_after_it() -> None:
    """Reader QA stop 71 N2: /summarize of a press release's page was headed "Nestlé S.A.
    maintains … coronavirus This press release is also available in Français (pdf) and
    Deutsch (pdf) ............. Vevey, March 24,…", as a feed's title no longer is (U6)."""
    headline = ("Nestlé S.A. maintains date of Annual General Meeting, changes format in light "
                "of coronavirus")
    paragraphs = "".join(
        f"<p>{sentence} The meeting will take place as planned on April 23, and shareholders "
        "will vote through the independent representative, the board said on Tuesday.</p>"
        for sentence in ("The Board of Directors of Nestlé S.A. has confirmed the date.",
                         "This ensures the timely payment of the dividend.",
                         "Shareholders will not be allowed to attend in person."))
    markup = ("<html><head><title>Nestlé - Courier</title></head><body><article>"
              f"<h1>{headline} This press release is also available in Français (pdf) and "
              "Deutsch (pdf) ............. Vevey, March 24, 2020</h1>"
              f"{paragraphs}</article></body></html>")
    page = extract_page(markup, "https://courier.example/nestle")
    assert page.title == headline
    assert page.text.startswith("The Board of Directors of Nestlé S.A. has confirmed")


def test_a_pages_headline_run_into_its_first_paragraph_is_no_part_of_its_text() -> None:
    """Reader QA stop 71 N2: /summarize of a press release's page opened its summary with
    the headline run into the lead, "…in light of coronavirus The Board of Directors…"."""
    headline = "Harbour board keeps the date of its annual meeting, changes its format"
    lead = ("The board of the harbour company has confirmed that its annual meeting will take "
            "place as planned on April 23.")
    rest = "".join(f"<p>{sentence} Shareholders will vote through the independent "
                   "representative, the board said on Tuesday.</p>"
                   for sentence in ("They will not be allowed to attend in person.",
                                    "This ensures the timely payment of the dividend."))
    page = extract_page("<html><head><title>Harbour - Courier</title></head><body><article>"
                        f"<h1>{headline}</h1><p>{headline} {lead}</p>{rest}</article></body>"
                        "</html>", "https://courier.example/harbour")
    assert page.title == headline
    assert page.text.startswith(lead)


def test_a_pages_headline_that_opens_a_longer_one_cuts_nothing() -> None:
    """Review (stop 72): a page's headline that is only the start of its first line, in title
    case, cut that line in half ("For Billions Of Dollars, Sources Say" opened the text)."""
    first = "Apple To Buy Beats For Billions Of Dollars, Sources Say"
    rest = "".join(f"<p>{sentence} The deal would be the largest in the company's history, "
                   "people familiar with the talks said on Thursday.</p>"
                   for sentence in ("Apple is in talks to buy the headphone maker.",
                                    "The price could be announced next week."))
    page = extract_page("<html><head><title>Apple To Buy Beats - Courier</title></head><body>"
                        f"<article><h1>Apple To Buy Beats</h1><p>{first}</p>{rest}</article>"
                        "</body></html>", "https://courier.example/beats")
    assert page.text.startswith(first)


def test_a_caption_before_an_agencys_labelled_credit_opens_no_summary_of_the_page() -> None:
    """Reader QA stop 72 Q5: /summarize of a page whose first paragraph ran a photo's caption
    and its labelled credit into the lead ("…lieferten sich Handgemenge Die Unterstützer…
    stellt. Foto: REUTERS/TYRONE SIU Hongkong - Die politische Krise…") opened with the
    caption: the credit was cut from the label, which then hid where the caption ended."""
    caption = ("Abgeordnete der Opposition wurden von Wachleuten aus dem Saal gezerrt, die Lager "
               "lieferten sich Handgemenge Die Opposition will ein Gesetz verhindern, das "
               "Kritik an der Hymne unter Strafe stellt.")
    lead = ("Port Alder – Die Krise in Port Alder nimmt wieder Fahrt auf: Im Parlament gab es "
            "am Montag Zusammenstöße, zugleich wurden zwölf Aktivisten beschuldigt.")
    rest = "".join(f"<p>{sentence} Das Gericht will am Freitag über die Anklage entscheiden, "
                   "sagte ein Sprecher.</p>"
                   for sentence in ("Vor Gericht erschienen am Montag auch zwei Verleger.",
                                    "Die Regierung wies die Kritik am Dienstag zurück."))
    page = extract_page("<html><head><title>Zusammenstöße - Tagesblick</title></head><body>"
                        "<article><h1>Neue Zusammenstöße im Parlament</h1>"
                        f"<p>{caption} Foto: REUTERS/ANNA BERG {lead}</p>{rest}</article>"
                        "</body></html>", "https://tagesblick.example/parlament")
    assert summarize([page.text], max_words=60)[0] == lead


def test_a_byline_and_caption_under_the_headline_open_no_summary_of_the_page() -> None:
    """Reader QA stop 73 R4: a page whose first paragraph ran its headline, a byline, a
    photo's caption and its labelled credit into the lead ("Nigeria: Der Islamische Staat ist
    wieder da Peter Mühlbauer Ein kalifornischer Nationalgardist bildet … aus. Bild:
    media.defense.gov Im Bundesstaat Borno…") lost only the credit: its summary opened with
    the byline and the caption."""
    headline = "Velden: Die Miliz ist wieder da"
    lead = "Im Norden des Landes hat die Miliz am Montag drei Dörfer überfallen."
    rest = "".join(f"<p>{sentence} Die Armee will am Freitag Verstärkung schicken, sagte ein "
                   "Sprecher.</p>"
                   for sentence in ("Die Regierung sprach von einem Rückschlag.",
                                    "Hilfsorganisationen zogen ihre Helfer ab."))
    page = extract_page(f"<html><head><title>{headline} - Tagesblick</title></head><body>"
                        f"<article><h1>{headline}</h1><p>{headline} Paul Holm Ein Soldat bildet "
                        "einen Rekruten für den Kampf gegen die Miliz aus. Bild: "
                        f"media.defense.gov {lead} Die Dörfer liegen nahe der Grenze.</p>{rest}"
                        "</article></body></html>", "https://tagesblick.example/miliz")
    assert summarize([page.text], max_words=60)[0] == lead


def test_a_pasted_articles_caption_goes_with_its_credit() -> None:
    """Reader QA stop 73 R4: /summarize of a pasted article, its headline's line above a
    paragraph that ran a photo's caption and its labelled credit into the lead ("Markus
    Söder mit Maske - Markus Söder, … trägt eine Gesichtsmaske… - © Foto: …/dpa Nach viel
    Streit…"), opened with the caption: the page's furniture went first, the credit with it,
    and nothing then marked the caption's end."""
    lead = ("Nach viel Streit sieht Veldens Ministerpräsidentin Anna Berg Bund und Länder im "
            "Kampf gegen die Krise nun auf einem gemeinsamen, guten Kurs.")
    pasted = classify("Berg: Bund und Länder tragen Corona-Regeln gemeinsam\n\nAnna Berg mit "
                      "Maske - Anna Berg, Ministerpräsidentin von Velden, trägt eine "
                      "Gesichtsmaske mit dem Wappen des Landes. - © Foto: Paul Holm/AP-Pool/dpa "
                      f"{lead} Die Grundregeln würden von allen mitgetragen, sagte Berg am "
                      "Mittwoch nach einer Konferenz der Ministerpräsidenten in Berlin.")
    assert summarize([pasted.text], max_words=60, shown=pasted.title)[0] == lead


def test_the_page_reader_is_loaded_at_the_first_page_not_at_start() -> None:
    """trafilatura and its helpers are some 6 MB of the running bot's memory
    (`bench/memory.py`): a bot whose feeds carry whole articles never reads a page."""
    program = """
import sys
import briefing_bot.__main__, briefing_bot.bot, briefing_bot.cli
from briefing_bot.pages import extract_page
print("trafilatura" in sys.modules)
page = extract_page("<html><head><title>Quake</title></head><body><article><p>"
                    + "A strong earthquake struck the coast early on Tuesday. " * 20
                    + "</p></article></body></html>")
print("trafilatura" in sys.modules, bool(page.text))
"""
    root = Path(__file__).resolve().parent.parent
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True,
                          check=True, timeout=120, env={**os.environ, "PYTHONPATH": str(root)})
    assert done.stdout.split() == ["False", "True", "True"]
