"""English readers' categories under the names the bot gives them now: "Business", "-Sport",
not the lower-case "business", "-sport" their lists kept from before English capitalised its
category names (stop 72; reader QA, stop 71: "technology, Obama, …"). Only /language renamed
them, so a reader who never changed language kept the old form.

Rewritten once here rather than mapped at every read: the stored list stays the one place
that says what a chat follows and how it is shown (the bot, the CLI's `subscribers`, the
briefing's why-lines and JSON all read it as stored), and the names to come keep their one
source, the catalog (data/wording.toml), which writes them into the list when a reader adds
a category or changes language. This revision holds the rename it makes, as a migration
must: the catalog may change again, and this step must do tomorrow what it does today.

Rows of the chats whose bot's words are English: every language but the eleven that name
the categories in their own words. A name the reader wrote in capitals ("BUSINESS") or
within a phrase is left as typed.

Revision ID: 0023
Revises: 0022
"""

import re

import sqlalchemy as sa
from alembic import op

revision = "0023"
down_revision = "0022"
branch_labels = None
depends_on = None

# The category and branch names English wrote in lower case until stop 72.
_NAMES = ("world", "politics", "business", "technology", "science", "health", "climate",
          "sport", "entertainment", "crime", "football", "tennis", "rugby", "athletics",
          "music", "celebrity")
# The languages whose readers' categories were never English words.
_OWN_NAMES = frozenset({"de", "fr", "es", "it", "pt", "nl", "pl", "ru", "uk", "bg", "el"})
# A whole item of the comma-separated list, excluded or not ("business", " -sport ").
_ITEM = re.compile(r"(?<![^,])(\s*-?\s*)(" + "|".join(_NAMES) + r")(\s*)(?![^,])")


def renamed(topics: str) -> str:
    """A stored topic list with the old English names as the bot names them now."""
    return _ITEM.sub(lambda found: found[1] + found[2].capitalize() + found[3], topics)


def _english(language: str | None) -> bool:
    return (language or "en").replace("_", "-").split("-")[0].lower() not in _OWN_NAMES


def upgrade() -> None:
    subscribers = sa.table("subscribers", sa.column("chat_id", sa.BigInteger),
                           sa.column("topics", sa.Text), sa.column("language", sa.String))
    bind = op.get_bind()
    rows = bind.execute(sa.select(subscribers.c.chat_id, subscribers.c.topics,
                                  subscribers.c.language)
                        .where(subscribers.c.topics != "")).all()
    changes = [{"b_chat": chat, "b_topics": new} for chat, topics, language in rows
               if _english(language) and (new := renamed(topics)) != topics]
    if changes:
        bind.execute(subscribers.update()
                     .where(subscribers.c.chat_id == sa.bindparam("b_chat"))
                     .values(topics=sa.bindparam("b_topics")), changes)


def downgrade() -> None:
    # Nothing to undo: earlier versions read a category's name in any case.
    pass
