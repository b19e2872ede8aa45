"""What counts as a new contact detail or price in a rewrite."""

from coachbot.rewrite.novelty import new_details


def test_new_links_mentions_phones_and_prices_are_named():
    rewrite = "Оплатите по ссылке https://pay-fast.ru/x или напишите @pay_helper, +7 999 123-45-67, всего 990 ₽."
    assert new_details(rewrite, "Оплата до 15:00.") == ["mention", "phone", "price", "url"]


def test_the_same_details_written_differently_are_not_new():
    assert new_details("Оплатите 1 490 ₽ по ссылке shop.ru/pay.", "Сет за 1490 руб., ссылка https://shop.ru/pay") == []
    assert new_details("Напишите на Help@Shop.com.", "Пишите на help@shop.com") == []


def test_placeholders_times_and_order_numbers_are_not_details():
    assert new_details("Перезвоню до [срок] на [PHONE_1] по заказу 45821, в 10:00.", "заказ 45821, в 10:00") == []


def test_the_customers_own_details_may_be_repeated():
    assert new_details("Перезвоним на +7 916 555-44-33.", "Ожидайте.", "мой номер 8 916 555-44-33") == []
