"""The stable issue and strength codes, with the coach's words for each.

Explanations and suggestions talk about the text, never about the person.
"""

from __future__ import annotations

from dataclasses import dataclass

ISSUE_CODES: tuple[str, ...] = (
    "blame",
    "internal_excuse",
    "rudeness",
    "dismissive",
    "cold",
    "no_apology",
    "no_next_step",
    "pushy_sales",
    "jargon",
    "commanding",
)
STRENGTH_CODES: tuple[str, ...] = (
    "empathy",
    "apology",
    "ownership",
    "solution",
    "gratitude",
    "personal",
)
# The codes the headline macro-F1 is measured on.
CORE_CODES: tuple[str, ...] = (
    "blame",
    "internal_excuse",
    "rudeness",
    "pushy_sales",
    "dismissive",
    "no_apology",
    "no_next_step",
)
# How much each issue costs the score (0-100 client-centredness).
ISSUE_WEIGHTS: dict[str, int] = {
    "blame": 30,
    "rudeness": 32,
    "internal_excuse": 24,
    "dismissive": 24,
    "pushy_sales": 22,
    "no_apology": 18,
    "no_next_step": 18,
    "cold": 14,
    "commanding": 12,
    "jargon": 10,
}


@dataclass(frozen=True)
class Entry:
    title: str
    explanation: str
    suggestion: str


ISSUES: dict[str, dict[str, Entry]] = {
    "blame": {
        "ru": Entry(
            "Упрёк клиенту",
            "Фраза перекладывает вину на клиента — он слышит упрёк и перестаёт слышать решение.",
            "Скажите, что произошло и что вы сделаете сейчас, без оценки действий клиента.",
        ),
        "en": Entry(
            "Blaming the customer",
            "This line puts the fault on the customer, who then hears the reproach, not the fix.",
            "Say what happened and what you will do now, without judging what the customer did.",
        ),
    },
    "internal_excuse": {
        "ru": Entry(
            "Ссылка на внутренние правила",
            "Отказ объясняется удобством компании или её правилами, а выхода для клиента нет.",
            "Предложите, что можно сделать: другой способ, срок или человека, который поможет.",
        ),
        "en": Entry(
            "Hiding behind internal rules",
            "The refusal rests on the company's convenience or rules and leaves the customer no way forward.",
            "Offer what can be done: another option, a date, or the person who can help.",
        ),
    },
    "rudeness": {
        "ru": Entry(
            "Резкий тон",
            "Здесь слышны раздражение или сарказм — клиент запомнит тон, а не ответ.",
            "Уберите оценку и повторы «как я уже говорила»; спокойно дайте нужную информацию.",
        ),
        "en": Entry(
            "Sharp tone",
            "Irritation or sarcasm comes through here; the customer will remember the tone, not the answer.",
            "Drop the judgement and the 'as I said'; give the information calmly.",
        ),
    },
    "dismissive": {
        "ru": Entry(
            "Обесценивание",
            "Эти слова преуменьшают проблему клиента — для него она важна.",
            "Признайте, что ситуация неприятная, и перейдите к решению.",
        ),
        "en": Entry(
            "Downplaying the problem",
            "These words make the customer's problem sound small; to them it matters.",
            "Acknowledge that the situation is frustrating, then move to the fix.",
        ),
    },
    "cold": {
        "ru": Entry(
            "Канцелярский тон",
            "Шаблонные формулировки звучат так, будто клиенту отвечает система, а не человек.",
            "Обратитесь к клиенту по-человечески и скажите простыми словами, что будет дальше.",
        ),
        "en": Entry(
            "Cold, formulaic tone",
            "Stock phrases sound as if a system is answering, not a person.",
            "Speak to the customer directly and say in plain words what happens next.",
        ),
    },
    "no_apology": {
        "ru": Entry(
            "Нет извинения",
            "У клиента была неприятность по нашей стороне, а в ответе нет извинения.",
            "Начните с короткого искреннего извинения за то, что случилось.",
        ),
        "en": Entry(
            "No apology",
            "Something went wrong on our side, and the reply does not apologise for it.",
            "Open with a short, sincere apology for what happened.",
        ),
    },
    "no_next_step": {
        "ru": Entry(
            "Нет следующего шага",
            "Из ответа непонятно, что будет дальше и когда клиент получит результат.",
            "Назовите конкретное действие и срок: что вы сделаете и когда клиент узнает итог.",
        ),
        "en": Entry(
            "No next step",
            "The reply does not say what happens next or when the customer will hear back.",
            "Name a concrete action and a time: what you will do and when they will know.",
        ),
    },
    "pushy_sales": {
        "ru": Entry(
            "Навязанная продажа",
            "Клиент пришёл с проблемой, а ответ предлагает купить то, о чём он не просил.",
            "Сначала решите вопрос клиента; предложение уместно, только если он сам спросит.",
        ),
        "en": Entry(
            "Pushy selling",
            "The customer came with a problem, and the reply sells something they did not ask for.",
            "Solve their issue first; an offer fits only if they ask for one.",
        ),
    },
    "jargon": {
        "ru": Entry(
            "Внутренний жаргон",
            "Этот термин понятен сотрудникам, но не клиенту.",
            "Замените термин простыми словами о том, что происходит с вопросом клиента.",
        ),
        "en": Entry(
            "Internal jargon",
            "This term makes sense inside the company, not to the customer.",
            "Replace it with plain words about what is happening with their request.",
        ),
    },
    "commanding": {
        "ru": Entry(
            "Приказной тон",
            "Голый повелительный глагол звучит как распоряжение, а не просьба.",
            "Сформулируйте просьбу с «пожалуйста» и объясните, зачем это нужно.",
        ),
        "en": Entry(
            "Bossy phrasing",
            "A bare order reads as a command, not a request.",
            "Ask with 'please' or 'could you' and say why it helps.",
        ),
    },
}

STRENGTHS: dict[str, dict[str, str]] = {
    "empathy": {"ru": "Сочувствие: вы назвали чувства клиента", "en": "Empathy: you name how the customer feels"},
    "apology": {"ru": "Извинение за неудобство", "en": "A plain apology"},
    "ownership": {"ru": "Личная ответственность", "en": "Taking ownership"},
    "solution": {"ru": "Конкретное решение или шаг", "en": "A concrete solution or step"},
    "gratitude": {"ru": "Благодарность клиенту", "en": "Thanking the customer"},
    "personal": {"ru": "Обращение по имени и к деталям", "en": "Personal: name or specifics"},
}


def issue_entry(code: str, language: str) -> Entry:
    """The coach's words for an issue code in ``language`` (falls back to Russian)."""
    by_lang = ISSUES[code]
    return by_lang.get(language) or by_lang["ru"]


def strength_title(code: str, language: str) -> str:
    by_lang = STRENGTHS[code]
    return by_lang.get(language) or by_lang["ru"]
