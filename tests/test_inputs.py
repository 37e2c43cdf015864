"""What a reader sends to /summarize, read as they meant it."""

from pathlib import Path

from briefing_bot.config import Settings
from briefing_bot.inputs import classify, read_local, summarize_input
from briefing_bot.services import Services
from tests.fakes import FakeLLM

PASTED = """Skip to main content
Home | News | World | Business | Sport | Weather | Sign in
Advertisement
Business
Supermarket chain to close 40 stores and cut 2,000 jobs
By Jane Smith, Business reporter
12 March 2027 · 3 min read
Share · Save
One of the UK's largest supermarket chains is to close 40 stores and cut about 2,000 jobs as \
it struggles with rising costs and falling sales.
The company said the stores, mostly in town centres, were no longer profitable. Staff would \
be offered jobs in other branches where possible.
Unions called the decision a blow to high streets and said they would seek talks.
Related Topics
Retail
Jobs
More on this story
Shoppers return to high street after Christmas
Follow us on Facebook, X and Instagram
© 2027 The News. All rights reserved."""


def test_a_pasted_page_is_read_without_its_navigation() -> None:
    """Reader QA: "select all, copy" of a news page was summarized as its menu, byline and
    date glued to the first sentence, and nothing else."""
    text = classify(PASTED).text
    assert text.startswith("One of the UK's largest supermarket chains")
    assert text.endswith("said they would seek talks.")
    for furniture in ("Home |", "Jane Smith", "min read", "Share", "Related", "Facebook", "©"):
        assert furniture not in text


def test_a_briefing_forwarded_back_is_read_without_its_command_lines() -> None:
    """Telegram QA (stop 54, F13): a briefing forwarded to /summarize was summarized with
    its footer, "2 more stories on your topics: /more"."""
    forwarded = ("Flood waters rise in the river valley\nThe river rose two metres overnight "
                 "and the town's old bridge was closed to traffic on Sunday morning.\n"
                 "Schools stayed shut and the army brought sandbags to the lower streets, "
                 "where water reached the first floors.\n2 more stories on your topics: /more")
    text = classify(forwarded).text
    assert text.endswith("reached the first floors.") and "/more" not in text


def test_a_plain_text_is_kept_as_it_was_written() -> None:
    letter = ("Dear members,\nthe annual meeting moves to the town hall this year because the "
              "club house is being repaired.\nPlease bring your membership card and arrive by "
              "seven, as the doors close when the vote begins.\nThe committee")
    assert classify(letter).text == letter
    verse = "\n".join(["the sea is grey today", "the gulls are loud and low",
                       "the boats stay in the harbour", "and nobody will go",
                       "the nets hang on the railings", "the wind is cold and slow"])
    assert classify(verse).text == verse  # nothing would be left: as it came


def test_a_text_wrapped_by_hand_keeps_its_opening() -> None:
    """Review: an email's or a PDF's lines, wrapped at 60 characters, lost their opening
    sentences as if they were a page's top."""
    wrapped = ("The government announced on Tuesday that it would raise\n"
               "fuel taxes from next month, citing the need to fund\n"
               "repairs to roads and bridges damaged by the winter storms.\n"
               "Opposition parties said the increase would hurt rural\n"
               "families most, and called for a vote.\n"
               "The finance minister said the measure would bring in two billion a year.")
    assert classify(wrapped).text == wrapped


def test_a_forwarded_post_with_its_channel_link_reads_the_article() -> None:
    """Review: "Read more" and the channel's "Subscribe" link were two links."""
    post = "Big news from the harbour 👇 https://x.example/a https://t.me/harbournews"
    found = classify(post)
    assert (found.kind, found.source) == ("url", "https://x.example/a")


def test_a_link_with_a_question_or_a_blurb_around_it_reads_the_page() -> None:
    """QA stop 63 F1, F4: a link with a question of 26 words gave the question back as its
    "summary", and /summarize replied to a channel post (two lines and its link) the post's
    own blurb; the page was never read. A text of article length with a link in it is the
    text."""
    asked = ("/news/macys Can you tell me whether this deal means that stores in my town will "
             "close and what happens to the staff who work there now?")
    found = classify(f"https://x.example{asked}")
    assert (found.kind, found.source) == ("url", "https://x.example/news/macys")
    post = ("Time Warner's quarterly profits jumped 76% to $1.13bn, helped by its stake in "
            "Google and by higher advert sales, while AOL lost more subscribers. Full story "
            "from our business desk: https://x.example/news/timewarner")
    assert classify(post).source == "https://x.example/news/timewarner"
    # ...with a channel's tags and signature after its link (second QA stop 63 G1), and a
    # link sent alone with the full stop of a sentence (G7: fetched with it, a 404).
    tagged = post.replace("timewarner", "timewarner #business #media @ledger 👉")
    assert classify(tagged).source == "https://x.example/news/timewarner"
    # The post's own words are kept, without the link, its label or the tags, for when the
    # page cannot be read (second QA stop 63 G5); a question's are not: it is no text.
    assert classify(tagged).own_text == post.split(" Full story", maxsplit=1)[0]
    assert classify(f"https://x.example{asked}").own_text == ""
    # A long question about a link reads the page too (QA stop 64 K2: 125 words came back as
    # their own summary).
    long_question = ("I read this article this morning and I am honestly confused, so I hope "
                     "you can help me understand it. " * 8 + "Should I worry about my shares?")
    assert classify(f"https://x.example/tw\n\n{long_question}").source == "https://x.example/tw"
    # A mail's greeting and "FYI, see below." are no part of the text (K4).
    mail = classify("Hi all,\n\nFYI, see below.\n\n" + " ".join(
        ["The council met on Monday to decide the future of the library."] * 3))
    assert mail.text.startswith("The council met"), mail.text[:40]
    # A post opening with a question headline asks nothing: its text is kept (QA stop 64 H1).
    headline = ("Is this the end of cheap flights? Ryanair said on Monday it would raise fares "
                "by a fifth from April as fuel costs climb.")
    assert classify(f"{headline} Full story: https://x.example/fly").own_text == headline
    # A link that ends a sentence leaves "[…]" in its place, not a sentence cut short (QA stop
    # 64 J5: "…published on Thursday at…").
    said = ("The Millennium Dome cost taxpayers £28.7m to maintain and sell in the four years "
            "after it closed, auditors said in a report published on Thursday")
    assert classify(f"{said} at https://x.example/dome.").own_text == f"{said} at […]."
    assert classify(f"{said} (via https://x.example/dome).").own_text == f"{said} (via […])."
    assert classify(f"{said}.\nhttps://x.example/dome").own_text == f"{said}."
    # A channel's call is one only right after the link (review stop 64: "…her party would
    # join us in government." lost its end), and tags and emoji are no words of a text.
    joined = ("The leader said on Monday that after the vote next spring she hoped the greens "
              "would join us in government. Full story: https://x.example/a")
    assert classify(joined).own_text == joined.split(" Full story", maxsplit=1)[0]
    assert classify("Ryanair raises fares by a fifth from April #travel #flights #news "
                    "#europe #money #airlines #ryanair #fuel #prices #summer "
                    "https://x.example/a").own_text == ""
    # ...nor the emoji pointing at its link's label (QA stop 64 H6).
    assert classify(f"{headline} 👇\n\nFull story: https://x.example/fly").own_text == headline
    greek = ("Η κυβέρνηση ανακοίνωσε νέα μέτρα για την ακρίβεια σήμερα το πρωί στη Βουλή και ο "
             "υπουργός μίλησε για αυξήσεις. Τι σημαίνει αυτό για τις συντάξεις;")
    assert classify(f"{greek} https://x.example/gr").own_text == ""
    # A channel's call to follow it after the link is no text of the post either (review,
    # stop 63), in the readers' languages; other words after a link are the text's.
    german = ("Die Berliner Verkehrsbetriebe erhöhen zum ersten April die Preise für "
              "Monatskarten um acht Prozent, teilte der Senat am Montag mit.")
    for call in ("Abonniert unseren Kanal!", "👉 Subscribe to our channel for more news",
                 "Abonniert unseren Kanal für mehr Nachrichten aus aller Welt!",
                 "Suscríbete a nuestro canal", "Подписывайтесь на наш канал!"):
        found = classify(f"{german} Mehr: https://x.example/bvg {call}")
        assert (found.source, found.own_text) == ("https://x.example/bvg", german), call
    assert classify(f"{german} Siehe https://x.example/bvg DOCUMENT>>> Subscribe").kind == "text"
    assert classify("https://x.example/news/macys.").source == "https://x.example/news/macys"
    # ...but its own brackets stay (review: ".../wiki/Mercury_(planet" was fetched), and a
    # channel's call or its t.me link after the link is no text of the post.
    assert classify("https://en.wikipedia.org/wiki/Mercury_(planet)").source == (
        "https://en.wikipedia.org/wiki/Mercury_(planet)")
    blurb = post.rsplit(" Full story", 1)[0]
    for tail in ("Full story: https://x.example/news/tw / Subscribe: https://t.me/ledger",
                 "(https://x.example/news/tw)"):
        assert classify(f"{blurb} {tail}").source == "https://x.example/news/tw", tail
    article = " ".join(["The council met on Monday to decide the future of the library."] * 12)
    found = classify(f"{article} Source: https://x.example/council")
    assert found.kind == "text" and found.text.startswith("The council met")


def test_a_pasted_articles_headline_heads_it_not_its_first_sentence() -> None:
    """Reader QA: a pasted article's headline line was summarized as part of the first
    sentence ("Blair rejects Tory terror offer Tony Blair has rejected…")."""
    pasted = ("Blair rejects Tory terror offer\n\nTony Blair has rejected a Conservative "
              "compromise offer that could have eased the passage of anti-terror legislation. "
              "The Tories wanted a sunset clause. The Lib Dems also oppose the plans.")
    found = classify(pasted)
    assert found.title == "Blair rejects Tory terror offer"
    assert found.text.startswith("Tony Blair has rejected")
    # A first sentence on a line of its own is no headline.
    said = ("The council met on Monday to decide the future of the old library.\nIt voted "
            "to close the building by the end of May and to open a new one near the station.")
    assert classify(said).title == "" and classify(said).text == said
    # Nor a greeting or a page's audio button (review).
    for first in ("Hi team, FYI see below", "Listen to this article"):
        assert classify(f"{first}\n{pasted.split(chr(10), 2)[2]}").title == "", first


def test_a_pasted_headline_over_a_byline_a_date_and_share_buttons_heads_the_text() -> None:
    """QA stop 72 Q12 and stop 73 R11: a French and an Italian paste, each a headline over
    its byline, date and share buttons, got no headline (English ones did): the French one's
    went with its furniture, the Italian one's lower-case byline ("di Giulia Rossi") was read
    as its sentence going on, and the whole top was kept as text."""
    lede = ("Il fiume Seveso è esondato nella notte dopo ore di pioggia intensa, allagando le "
            "strade del quartiere Niguarda. I vigili del fuoco sono intervenuti con dodici "
            "squadre.")
    italian = (f"Maltempo, esonda il Seveso a Milano: allagamenti a Niguarda\n\ndi Giulia "
               f"Rossi\n07 dicembre 2026 | 08:12\n\nCondividi su Facebook Condividi su "
               f"WhatsApp\n\nMILANO – {lede}")
    found = classify(italian)
    assert found.title == "Maltempo, esonda il Seveso a Milano: allagamenti a Niguarda"
    assert found.text.startswith("MILANO – Il fiume Seveso"), found.text
    french = ("Incendie : un entrepôt détruit à Lyon, aucun blessé\n\nPar Marie Dupont, publié "
              "le 12 mars à 08h15, mis à jour à 10h02\n\nPartager sur Facebook Partager sur "
              "Twitter\n\nUn violent incendie a ravagé dans la nuit un entrepôt de 3 000 mètres "
              "carrés dans le quartier de Gerland, à Lyon. Les pompiers ont été alertés vers 2 "
              "heures du matin par un riverain.")
    found = classify(french)
    assert found.title == "Incendie : un entrepôt détruit à Lyon, aucun blessé"
    assert found.text.startswith("Un violent incendie"), found.text
    # A page's top is no headline, nor a text's first line that goes on in the next.
    assert classify(PASTED).title == ""
    wrapped = ("The council met on Monday to decide\nthe future of the library and voted to "
               "close it by May, and to open a new one near the station where the old post "
               "office stood for years.")
    assert classify(wrapped).title == "" and classify(wrapped).text == wrapped


def test_related_article_links_pasted_between_paragraphs_are_no_part_of_the_text() -> None:
    """QA stop 63 F11: a pasted BBC article held, between its paragraphs, the headlines of
    three related articles; one ("How could 'zip wire prat' become prime minister?") was
    picked as a sentence of the summary, a question the article never asks. A subheading
    alone and a list's items stay."""
    opening = ("Foreign observers of the referendum may have noticed an awful lot of fuss "
               "about the views of a man called Boris Johnson, the Mayor of London.")
    body = ("Alexander Boris de Pfeffel Johnson, to give him his full name, was born in New "
            "York. He first made a name for himself in journalism.")
    links = ("Profile: Boris Johnson\n\nHow could 'zip wire prat' become prime minister?\n\n"
             "Read more about the UK's referendum on the EU")
    found = classify(f"{opening}\n\n{links}\n\n{body}")
    assert "zip wire" not in found.text and "Profile" not in found.text
    assert found.text.startswith(opening) and found.text.endswith(body)
    for kept in ("Early life", "- born in New York\n- a journalist in Brussels"):
        pasted = f"{opening}\n\n{kept}\n\n{body}"
        assert all(line in classify(pasted).text for line in kept.split("\n")), kept


async def test_a_files_path_is_not_sent_to_the_llm(services: Services, fake_llm: FakeLLM,
                                                   llm_settings: Settings,
                                                   tmp_path: Path) -> None:
    """LLM QA (stop 77, V6): `summarize ~/reports/x.txt` sent the LLM the file's whole path
    (a home folder, a user's name), and a small model copied it into its answer. The LLM is
    told the file's name; the operator's messages keep the path."""
    folder = tmp_path / "home" / "jane.doe" / "private"
    folder.mkdir(parents=True)
    path = folder / "harbour-report.txt"
    path.write_text(" ".join(["The harbour authority said on Monday that the new pier would "
                              "open in spring after two years of building work."] * 3),
                    encoding="utf-8")
    given = read_local(str(path), settings=llm_settings)
    summary = await summarize_input(services.summarizer, given, language="en", max_words=60)
    assert summary.text
    [sent] = fake_llm.user_messages()
    assert "harbour-report.txt" in sent
    assert "jane.doe" not in sent and str(folder) not in sent
    assert given.source == str(path)  # (what the operator is told, in errors and --json)
