"""Input errors with the coach's words in both languages."""

from __future__ import annotations

MESSAGES = {
    "empty": {
        "ru": "Текст пустой — пришлите черновик ответа клиенту, и я его разберу.",
        "en": "The text is empty: send the draft reply to your customer and I will look at it.",
    },
    "too_long": {
        "ru": "Текст длиннее {limit} символов — пришлите, пожалуйста, ответ покороче или по частям.",
        "en": "The text is over {limit} characters: please send a shorter reply, or send it in parts.",
    },
    "bad_json": {
        "ru": "строка {line} — не JSON: {detail}",
        "en": "line {line} is not valid JSON: {detail}",
    },
    "not_object": {
        "ru": 'строка {line} должна быть JSON-объектом вида {{"id", "text", "context"}}',
        "en": 'line {line} must be a JSON object like {{"id", "text", "context"}}',
    },
    "no_text": {
        "ru": "нет поля «text» со строкой черновика",
        "en": "'text' is missing or not a string",
    },
    "bad_context": {
        "ru": "поле «context» должно быть строкой",
        "en": "'context' must be a string",
    },
    "no_words": {
        "ru": "В тексте нет слов — пришлите черновик ответа клиенту.",
        "en": "There are no words in this text: send the draft reply to your customer.",
    },
}


class DraftError(ValueError):
    """A draft the analyzer cannot take; ``code`` is stable, the message is localised."""

    def __init__(self, code: str, **params: object) -> None:
        self.code = code
        self.params = params
        super().__init__(self.message("en"))

    def message(self, language: str = "ru") -> str:
        texts = MESSAGES[self.code]
        return (texts.get(language) or texts["ru"]).format(**self.params)
