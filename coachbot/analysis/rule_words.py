"""The word lists behind the rule detectors, shared by both languages: who speaks, who acts,
what softens an order, which abbreviations every customer knows. The per-language patterns live
in ``rules_ru.py`` and ``rules_en.py``; the detectors that use all of them in ``rules.py``."""

from __future__ import annotations

import re

SPEECH_VERBS = frozenset(
    [
        "писать",
        "написать",
        "сказать",
        "говорить",
        "утверждать",
        "считать",
        "жаловаться",
        "указать",
        "упомянуть",
        "спрашивать",
        "думать",
        "полагать",
        "say",
        "write",
        "tell",
        "claim",
        "think",
        "mention",
        "ask",
    ]
)
SPEAKERS = frozenset(["вы", "клиент", "покупатель", "you", "customer"])
FIRST_PERSON = frozenset(
    [
        "я",
        "мы",
        "мне",
        "нам",
        "нас",
        "меня",
        "i",
        "we",
        "us",
        "me",
        "our",
        "сотрудник",
        "курьер",
        "менеджер",
        "оператор",
        "компания",
        "магазин",
        "банк",
    ]
)
EN_FIRST_PERSON = frozenset({"i", "we", "i'll", "we'll", "i've", "we've", "i'm", "we're"})
SOFTENERS = (
    "пожалуйста",
    "будьте добры",
    "будьте любезны",
    "если вам удобно",
    "если не сложно",
    "если можно",
    "please",
    "kindly",
    "if you can",
    "if possible",
    "when you can",
)
REASON_MARKERS = re.compile(
    r"\b(чтобы|и я|и мы|тогда|я сразу|мы сразу|так мы|so that|so we|and i|and we|then i|then we)\b|—|:",
    re.IGNORECASE,
)
ALTERNATIVE = re.compile(
    r"\b(но|однако|зато|вместо|альтернатив\w*|можем предложить|могу предложить|предлагаю|предлагаем|"
    r"можно|вы можете|есть вариант|другой вариант|but|instead|alternative|we can|i can|you can)\b",
    re.IGNORECASE,
)
EN_ACRONYMS = frozenset({"asap", "fyi", "html", "json", "imei", "iban", "swift", "wifi", "vpn", "gdpr"})
ACRONYM_OK = frozenset(
    {
        "ООО",
        "ОАО",
        "ЗАО",
        "СМС",
        "SMS",
        "ФИО",
        "ИНН",
        "СНИЛС",
        "МФЦ",
        "ПИН",
        "PIN",
        "МТС",
        "РЖД",
        "ЖКХ",
        "ОМС",
        "ДМС",
        "ГИБДД",
        "ФНС",
        "НДС",
        "USB",
        "ПДФ",
        "PDF",
        "URL",
        "API",
        "VIP",
        "ОСАГО",
        "КАСКО",
        "CVV",
        "CVC",
        "QR",
        "ТЦ",
        "ЖК",
        "УК",
        "ПВЗ",
        "СБП",
        "ИП",
        "РФ",
        "USA",
        "FAQ",
        "ETA",
        "LTE",
    }
)

KNOWN_ACRONYMS = ACRONYM_OK | frozenset(
    """ID ИД ТВ TV ОК OK АО ПАО МРТ КТ УЗИ ЭКГ ОРВИ ЕГЭ ОГЭ GPS SIM ATM NFC PC IT EU UK US AM PM
    ПМЖ ВУЗ ДТП ЧП МВД ЗАГС ПФР СФР ФСС ВТБ МГТС ПДД ТО РЖД ЖД ЛОР ОАЭ США СНГ ЕС БТИ ЦБ IBAN USD
    EUR RUB ЖКУ СССР ИНН ОГРН НДФЛ PDF JPG PNG DVD SMS MMS HD UTC МСК РБ РК SOS FAQ FAQS ЛК SSD HDD
    HDMI ГБ МБ ТБ GB MB TB AUX RAM LED 4G 5G 3G USB-C NEW PS TO МКАД ЕГРН СНТ ИБП OS IOS""".split()
)
