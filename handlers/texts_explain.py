""" "Explain more": for each issue, what the customer hears and a before/after example."""

# ruff: noqa: E501 - sentences read better unwrapped

from __future__ import annotations

EXPLAIN: dict[str, dict[str, tuple[str, str, str]]] = {
    "blame": {
        "ru": (
            "Клиент слышит: «это ваша вина». Даже если так и есть, спор о виноватых откладывает решение, а недовольный клиент расскажет об этом десятку знакомых.",
            "Вы сами виноваты, надо было читать условия.",
            "Понимаю, как неприятно. Давайте вместе посмотрим, что можно сделать прямо сейчас.",
        ),
        "en": (
            "The customer hears “it's your fault”. Even when it's true, arguing about blame delays the fix, and an unhappy customer tells about ten people.",
            "You should have read the terms.",
            "I understand how frustrating this is. Let's see what we can do right now.",
        ),
    },
    "internal_excuse": {
        "ru": (
            "Клиенту неважно, как устроены наши отделы и системы. Он слышит «нам так удобнее» — и остаётся без выхода.",
            "Это не мой отдел, бухгалтерии так неудобно.",
            "Я передам ваш вопрос коллегам из бухгалтерии и сам напишу вам ответ до завтра, 12:00.",
        ),
        "en": (
            "Customers don't care how our departments or systems work. They hear “it's easier for us” and are left with no way forward.",
            "That's not my department, the system doesn't allow it.",
            "I'll pass this to our billing team and write back to you myself by noon tomorrow.",
        ),
    },
    "rudeness": {
        "ru": (
            "Раздражение или сарказм клиент запоминает дольше, чем само решение. Спокойный тон сохраняет доверие.",
            "Как я уже говорила, читайте внимательнее!!!",
            "Повторю главное, чтобы ничего не потерялось: заказ придёт в четверг.",
        ),
        "en": (
            "Customers remember irritation or sarcasm longer than the fix itself. A calm tone keeps their trust.",
            "As I already said, read more carefully!!!",
            "Let me repeat the key point so nothing gets lost: the order arrives on Thursday.",
        ),
    },
    "dismissive": {
        "ru": (
            "Для клиента проблема важна, раз он написал. «Ничего страшного» звучит как «ваши чувства не в счёт».",
            "Ничего страшного, у всех бывает.",
            "Понимаю, это неприятно — особенно когда ждёте. Давайте исправим.",
        ),
        "en": (
            "If the customer wrote, it matters to them. “It's no big deal” sounds like “your feelings don't count”.",
            "It's no big deal, it happens to everyone.",
            "I understand, that's annoying, especially when you're waiting. Let's fix it.",
        ),
    },
    "cold": {
        "ru": (
            "Канцелярит звучит так, будто отвечает система. Живые слова показывают, что клиентом занимается человек.",
            "Ваше обращение зарегистрировано. Ожидайте.",
            "Спасибо, что написали! Я уже занимаюсь вашим вопросом и отвечу сегодня до 18:00.",
        ),
        "en": (
            "Stock phrases sound like a system is answering. Plain words show a person is taking care of it.",
            "Your request has been registered. Please wait.",
            "Thanks for writing! I'm on it and will get back to you today by 6 pm.",
        ),
    },
    "no_apology": {
        "ru": (
            "Когда ошибка на нашей стороне, простое извинение снимает напряжение и открывает путь к решению. Извиняться не стыдно.",
            "Заказ будет доставлен в пятницу.",
            "Простите, что заказ задержался. Он будет у вас в пятницу — я прослежу.",
        ),
        "en": (
            "When the failure is ours, a plain apology eases the tension and opens the way to a fix. There's no shame in apologising.",
            "The order will be delivered on Friday.",
            "I'm sorry your order was delayed. It will be with you on Friday; I'll keep an eye on it.",
        ),
    },
    "no_next_step": {
        "ru": (
            "Клиенту важно понимать, что будет дальше и когда. Без шага и срока он будет писать снова — и нервничать.",
            "Мы разберёмся.",
            "Я проверю оплату и напишу вам до 15:00 сегодня.",
        ),
        "en": (
            "Customers need to know what happens next and when. Without a step and a time they will write again, and worry.",
            "We'll look into it.",
            "I'll check the payment and write to you by 3 pm today.",
        ),
    },
    "pushy_sales": {
        "ru": (
            "Нет проблемы — нет продажи. Предложение в ответ на жалобу звучит как «ваша проблема нам неинтересна».",
            "Кстати, оформите премиум — там доставка быстрее.",
            "Разберусь с доставкой и сообщу вам новый срок сегодня.",
        ),
        "en": (
            "No problem solved, no selling. An offer in reply to a complaint sounds like “we don't care about your problem”.",
            "By the way, upgrade to premium for faster delivery.",
            "I'll sort out the delivery and tell you the new date today.",
        ),
    },
    "jargon": {
        "ru": (
            "Внутренние слова понятны нам, но клиента они путают и отдаляют.",
            "Тикет эскалирован на L2.",
            "Я передал ваш вопрос специалистам, они ответят до завтра.",
        ),
        "en": (
            "Internal words make sense to us but confuse the customer and push them away.",
            "The ticket has been escalated to L2.",
            "I've passed your question to our specialists; they'll reply by tomorrow.",
        ),
    },
    "commanding": {
        "ru": (
            "Голый приказ звучит как распоряжение. Просьба с объяснением — как забота.",
            "Заполните форму.",
            "Пожалуйста, заполните короткую форму — так мы быстрее вернём деньги.",
        ),
        "en": (
            "A bare order sounds like a command. A request with a reason sounds like care.",
            "Fill in the form.",
            "Could you please fill in the short form? It helps us refund you faster.",
        ),
    },
}

STYLEGUIDE = {
    "ru": ("Это правило компании: так все сотрудники говорят с клиентами одинаково бережно.", "", ""),
    "en": ("This is a company rule, so everyone speaks to customers with the same care.", "", ""),
}

LABELS = {
    "ru": {"before": "Было", "after": "Лучше"},
    "en": {"before": "Before", "after": "Better"},
}
