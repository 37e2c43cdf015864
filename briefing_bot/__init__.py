"""briefing-bot: reads the news for people, and tells them what happened."""

__version__ = "0.1.0"
