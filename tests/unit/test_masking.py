"""Personal data becomes stable placeholders before text leaves the machine, and comes back."""

from __future__ import annotations

import pytest

from coachbot.privacy import Masker, mask, mask_text, unmask
from coachbot.privacy.detectors import luhn_ok

RU = (
    "Анна, здравствуйте! Перезвоните мне на +7 (912) 345-67-89 или напишите на anna.petrova@mail.ru. "
    "Карта 4276 3800 1234 5678, паспорт 4510 123456, доставка: ул. Ленина, д. 5, кв. 12. "
    "Заказ № 45821 на 1 500 ₽ приедет 12.03.2025 в 10:00."
)


def test_russian_round_trip_hides_every_kind_and_keeps_the_rest():
    masked = mask(RU, "ru")
    assert unmask(masked.text, masked.mapping) == RU
    for secret in (
        "Анна",
        "+7 (912) 345-67-89",
        "anna.petrova@mail.ru",
        "4276 3800 1234 5678",
        "4510 123456",
        "ул. Ленина, д. 5, кв. 12",
    ):
        assert secret not in masked.text
    for kind in ("NAME", "PHONE", "EMAIL", "CARD", "PASSPORT", "ADDRESS"):
        assert f"[{kind}_1]" in masked.text
    # order numbers, amounts, dates and times are not personal data: they stay for the LLM
    for fact in ("45821", "1 500 ₽", "12.03.2025", "10:00"):
        assert fact in masked.text


def test_the_same_value_gets_the_same_placeholder():
    text = "Иван Петрович, звоните на 8 912 345 67 89. Повторю: 8 912 345 67 89, Иван Петрович."
    masked = mask(text, "ru")
    assert masked.text.count("[PHONE_1]") == 2 and "[PHONE_2]" not in masked.text
    assert masked.text.count("[NAME_1]") == 2
    assert unmask(masked.text, masked.mapping) == text


def test_names_found_by_ner_and_after_greetings():
    masked = mask("Добрый день, Мария! Курьер Сергей приедет завтра.", "ru")
    assert "Мария" not in masked.text and "Сергей" not in masked.text
    assert masked.mapping["[NAME_1]"] == "Мария"


def test_english_names_after_greetings_and_contacts():
    text = (
        "Hi John Smith, please call (555) 123-4567 or email john@example.com. "
        "Order 12345 ships to 12 Baker Street, Apt 4."
    )
    masked = mask(text, "en")
    assert masked.text.startswith("Hi [NAME_1], please call [PHONE_1] or email [EMAIL_1].")
    assert "12345" in masked.text and "[ADDRESS_1]" in masked.text
    assert unmask(masked.text, masked.mapping) == text


def test_cards_need_the_luhn_check_unless_grouped_like_a_card():
    assert luhn_ok("4111111111111111") and not luhn_ok("4111111111111112")
    masked = mask("Карта 4111111111111111, заказ 4111111111111112.", "ru")
    assert masked.text == "Карта [CARD_1], заказ 4111111111111112."


def test_one_masker_shares_placeholders_across_draft_and_context():
    masker = Masker("ru")
    draft = masker.mask("Ольга, перезвоню на +7 999 123-45-67.")
    context = masker.mask("Мой номер +7 999 123-45-67, Ольга")
    assert "[PHONE_1]" in draft and "[PHONE_1]" in context
    assert masker.mapping["[PHONE_1]"] == "+7 999 123-45-67"


def test_mask_text_is_one_way_storage_form():
    stored = mask_text("Пишите на ivan@example.org, Иван.")
    assert stored == "Пишите на [EMAIL_1], [NAME_1]."


def test_unknown_placeholders_are_left_alone():
    assert unmask("[NAME_2], [срок]", {"[NAME_1]": "Анна"}) == "[NAME_2], [срок]"


@pytest.mark.parametrize("text", ["", "Спасибо!", "Заказ 45821 будет готов к 18:00."])
def test_text_without_personal_data_is_unchanged(text):
    assert mask(text).text == text
