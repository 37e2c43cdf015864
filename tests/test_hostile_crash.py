"""SIGKILL in the middle of a fetch, again and again; then a fetch that completes.

`briefing-bot fetch` reads 24 loopback feeds, one of which trickles a byte at a time, so the
process is always caught mid-download and often mid-write. After each kill the database must be
intact (PRAGMA integrity_check), hold no story without articles and no article twice; the last,
unhindered fetch must then store exactly what the feeds hold. (SIGKILL mid-broadcast is in
test_e2e_bot.py.)
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.commands import run_command
from tests.loopback import Site, running_site

pytestmark = pytest.mark.slow  # real processes: started first (conftest.py)

BINARY = Path(sys.executable).parent / "briefing-bot"
FEEDS = 24
ITEMS = 15


def feed(number: int) -> str:
    items = "".join(
        f"<item><title>Feed {number} story {n}: the council of town {number * 100 + n} voted"
        f"</title><guid>f{number}-{n}</guid><link>https://n.example/{number}/{n}</link>"
        f"<description>Town {number * 100 + n} council voted {n} times on the budget for "
        f"{number} bridges and {n * number} roads this week, officials said.</description>"
        f"</item>" for n in range(ITEMS))
    return f'<rss version="2.0"><channel><title>Feed {number}</title>{items}</channel></rss>'


@pytest.fixture
def site() -> Iterator[Site]:
    with running_site() as running:
        for number in range(FEEDS):
            running.serve(f"/feed{number}", feed(number))
        yield running


def consistency(database: Path) -> dict[str, int]:
    with sqlite3.connect(database) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        empty = db.execute("SELECT count(*) FROM stories s WHERE NOT EXISTS "
                           "(SELECT 1 FROM articles a WHERE a.story_id = s.id)").fetchone()[0]
        twice = db.execute("SELECT count(*) FROM (SELECT canonical_url FROM articles "
                           "GROUP BY canonical_url HAVING count(*) > 1)").fetchone()[0]
        orphans = db.execute("SELECT count(*) FROM articles WHERE story_id IS NULL").fetchone()[0]
        articles = db.execute("SELECT count(*) FROM articles").fetchone()[0]
    assert (empty, twice, orphans) == (0, 0, 0)  # no half-stored story, no article twice
    return {"articles": articles}


def test_killed_mid_fetch_the_database_stays_whole_and_the_next_fetch_completes(
    site: Site, tmp_path: Path
) -> None:
    env = {**os.environ, "BRIEFING_DATA_DIR": str(tmp_path), "NO_PROXY": "127.0.0.1",
           "BRIEFING_SOURCE_ALLOW_NETWORKS": "127.0.0.0/8", "BRIEFING_FETCH_PAGES": "false",
           "BRIEFING_FETCH_TIMEOUT": "60", "BRIEFING_FETCH_CONCURRENCY": "4"}
    database = tmp_path / "briefing.db"
    urls = [site.url(f"/feed{n}") for n in range(FEEDS)]
    site.serve("/feed0", feed(0), trickle=0.02)  # about 40 s: always still downloading
    chooser = random.Random(9)
    kills = []
    for attempt in range(4):
        args = ["fetch", *urls] if attempt == 0 else ["fetch", "--all"]
        before = len(site.hits)
        process = subprocess.Popen([str(BINARY), *args], env=env, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not any(
                path == "/feed0" for path, _ in site.hits[before:]):
            time.sleep(0.02)
        time.sleep(chooser.uniform(0.0, 0.6))  # somewhere in the fast feeds' writes
        process.send_signal(signal.SIGKILL)
        assert process.wait(timeout=10) == -signal.SIGKILL
        kills.append(consistency(database)["articles"])
    site.serve("/feed0", feed(0))  # the slow feed recovers
    # The fetches after the kills need no process of their own (tests/commands.py).
    finished = run_command("fetch", "--all", env=env)
    assert finished.returncode == 0, finished.stderr
    assert consistency(database) == {"articles": FEEDS * ITEMS}
    print("articles stored at each kill:", kills)
    assert kills[-1] < FEEDS * ITEMS  # the kills really interrupted the fetches
    again = run_command("fetch", "--all", env=env)
    assert again.returncode == 0 and consistency(database) == {"articles": FEEDS * ITEMS}
