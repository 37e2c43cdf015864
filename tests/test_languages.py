import pytest

from briefing_bot.languages import detect_language


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("The council said that the new tram line is for the people of the city and it was "
         "approved on Monday.", "en"),
        ("Der Stadtrat hat am Montag die neue Straßenbahn beschlossen, die auch für den Flughafen "
         "wichtig ist und nicht billig wird.", "de"),
        ("Le conseil municipal a approuvé lundi la nouvelle ligne de tramway pour les habitants "
         "de la ville et il est content.", "fr"),
        ("El consejo de la ciudad aprobó el lunes la nueva línea de tranvía para los vecinos "
         "que lo pedían.", "es"),
        ("Too short to tell.", None),
        ("東京で新しい路面電車の路線が承認されました。市議会は月曜日に決定しました。", None),
    ],
)
def test_detect_language(text: str, code: str | None) -> None:
    assert detect_language(text) == code
