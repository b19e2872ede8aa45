"""The aiohttp side: the Telegram webhook, health and metrics (see ``server.py``)."""
