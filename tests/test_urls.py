import pytest

from briefing_bot.urls import canonical_url, is_web_url


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://News.Example.com/a?utm_source=rss&utm_medium=feed", "https://news.example.com/a"),
        ("http://example.com:80/a#comments", "http://example.com/a"),
        ("https://example.com:443", "https://example.com/"),
        ("https://example.com:8443/a", "https://example.com:8443/a"),
        ("https://example.com/a?b=2&a=1&fbclid=xyz", "https://example.com/a?a=1&b=2"),
        ("https://example.com/a?id=7&gclid=1&mc_cid=2", "https://example.com/a?id=7"),
        ("https://user:secret@example.com/a", "https://example.com/a"),
        ("https://bücher.example/x", "https://xn--bcher-kva.example/x"),
        ("  https://example.com/a  ", "https://example.com/a"),
        ("https://x.example/article.php?cid=101&utm_source=rss", "https://x.example/article.php?cid=101"),
        ("https://x.example/a?id=5&src=home&ref=nav", "https://x.example/a?id=5&ref=nav&src=home"),
    ],
)
def test_canonical_url(url: str, expected: str) -> None:
    assert canonical_url(url) == expected


def test_same_article_with_different_tracking_is_one_url() -> None:
    a = canonical_url("https://example.com/story?utm_source=twitter#top")
    b = canonical_url("HTTPS://EXAMPLE.COM:443/story?utm_campaign=mail")
    assert a == b


@pytest.mark.parametrize("url", ["ftp://example.com/a", "mailto:a@b.c", "/relative", "", "http://"])
def test_non_web_urls_have_no_canonical_form(url: str) -> None:
    assert canonical_url(url) is None
    assert not is_web_url(url)


def test_parameters_that_name_the_article_are_kept() -> None:
    assert canonical_url("https://x.example/a.php?cid=101") != canonical_url(
        "https://x.example/a.php?cid=102")
