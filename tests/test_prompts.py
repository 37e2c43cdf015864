import shutil
from pathlib import Path

import pytest

from briefing_bot.config import PROMPTS_DIR
from briefing_bot.errors import ConfigError
from briefing_bot.prompts import TASKS, language_name, load_prompts


def copy_prompts(tmp_path: Path) -> Path:
    target = tmp_path / "prompts"
    shutil.copytree(PROMPTS_DIR, target)
    return target


def test_bundled_templates_load_and_render() -> None:
    prompts = load_prompts(PROMPTS_DIR)
    assert set(prompts) == set(TASKS)
    system, user = prompts["text_summary"].render(
        language="French", max_words=50, source="a page", text="Bonjour.")
    assert "in French" in system and "<<<DOCUMENT\nBonjour.\nDOCUMENT>>>" in user


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("$max_words", "$max_wrds"), r"unknown variable\(s\) \$max_wrds"),
        (("$language", "the language"), r"missing variable\(s\) \$language"),
        (("Summarize", "Costs $ 5. Summarize"), "lone \\$"),
        (("version = 3", "version = 'one'"), "version"),
    ],
)
def test_broken_template_is_a_clear_error_naming_the_file(
    tmp_path: Path, change: tuple[str, str], message: str
) -> None:
    folder = copy_prompts(tmp_path)
    path = folder / "story_summary.toml"
    path.write_text(path.read_text().replace(*change))
    with pytest.raises(ConfigError, match=message) as caught:
        load_prompts(folder)
    assert "story_summary.toml" in str(caught.value)


def test_a_story_template_from_before_the_categories_line_still_loads(tmp_path: Path) -> None:
    folder = copy_prompts(tmp_path)
    path = folder / "story_summary.toml"
    text = path.read_text()
    line = next(row for row in text.splitlines()
                if "$categories" in row and not row.startswith("#"))
    path.write_text(text.replace(line, ""))
    story = load_prompts(folder)["story_summary"]
    assert not story.uses("categories")
    system, _ = story.render(language="English", max_words=60, source_count=1, articles="x",
                             categories="world, politics")
    assert "world, politics" not in system  # the summarizer then reads no categories line
    assert load_prompts(copy_prompts(tmp_path / "again"))["story_summary"].uses("categories")


def test_missing_template_names_the_folder(tmp_path: Path) -> None:
    folder = copy_prompts(tmp_path)
    (folder / "briefing_section.toml").unlink()
    with pytest.raises(ConfigError, match=r"briefing_section\.toml is missing"):
        load_prompts(folder)


def test_render_refuses_unknown_or_missing_values() -> None:
    prompt = load_prompts(PROMPTS_DIR)["combine_summaries"]
    with pytest.raises(ValueError, match="expected variables"):
        prompt.render(language="English", summaries="x")


@pytest.mark.parametrize(("code", "name"), [("de", "German"), ("pt-BR", "Portuguese"),
                                            ("EN", "English"), ("tlh", "tlh")])
def test_language_names(code: str, name: str) -> None:
    assert language_name(code) == name


def test_language_codes_as_readers_and_telegram_write_them() -> None:
    from briefing_bot.prompts import language_code, language_name  # noqa: PLC0415
    assert [language_code(t) for t in ("de", "pt-BR", "German", "nb", "zh_Hant")] == [
        "de", "pt-br", "de", "nb", "zh-hant"]
    assert [language_code(t) for t in ("xx", "de-", "english please", "en-" + "a" * 20)] == [
        None] * 4
    # A language's own name, accents or not (from exploratory QA: "Deutsch" was refused).
    assert [language_code(t) for t in ("Deutsch", "français", "francais", "Español",
                                       "русский", "中文", "Bahasa Indonesia")] == [
        "de", "fr", "fr", "es", "ru", "zh", "id"]
    # With its country (QA stop 62 F18: "português do Brasil" was refused).
    assert [language_code(t) for t in ("português do Brasil", "portugues do brasil",
                                       "Brazilian Portuguese", "português europeu")] == [
        "pt-br", "pt-br", "pt-br", "pt-pt"]
    # In the reader's language too (reader QA Q13: a Spanish reader's "francés" was refused).
    assert [language_code("francés", reader=r) for r in ("es", "es-mx", "de", None)] == [
        "fr", "fr", None, None]
    assert [language_code(t, reader="de") for t in ("Französisch", "englisch", "Spanisch")] == [
        "fr", "en", "es"]
    assert language_code("francés", reader="xx") is None
    # ...and as Russian, Ukrainian, Bulgarian and Greek readers say "in English" (Telegram QA,
    # stop 56 #9).
    said = [("ru", "по-английски"), ("ru", "на немецком"), ("uk", "англійською"),
            ("uk", "по-англійськи"), ("bg", "на английски"), ("el", "στα αγγλικά")]
    assert [language_code(t, reader=r) for r, t in said] == ["en", "de", "en", "en", "en", "en"]
    assert language_code("по-английски") is None  # (a reader's language says how)
    assert {language_name(c) for c in ("zh-hant", "zh-tw", "zh-hant-tw", "zh-mo")} == {
        "Chinese (traditional)"}
    assert language_name("zh-cn") == "Chinese (simplified)"
