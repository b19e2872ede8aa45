"""Each Russian rule on real sentences: what must be flagged, and what must not."""

from __future__ import annotations

import pytest

from coachbot.analysis.analyzer import Analyzer

analyzer = Analyzer()


def codes(text: str, context: str | None = None) -> set[str]:
    return set(analyzer.analyze(text, context).codes)


@pytest.mark.parametrize(
    ("code", "text"),
    [
        ("blame", "Вы сами виноваты, надо было читать договор."),
        ("blame", "Вы виноваты сами, мы тут ни при чём."),
        ("blame", "Сами виноват, что не проверили."),
        ("blame", "Вините только себя."),
        ("blame", "Надо было внимательнее смотреть размерную сетку."),
        ("blame", "Вы неправильно ввели номер карты."),
        ("internal_excuse", "Не положено."),
        ("internal_excuse", "Бухгалтерии неудобно проводить такие возвраты."),
        ("internal_excuse", "Это не мой отдел."),
        ("internal_excuse", "Система не позволяет изменить адрес."),
        ("internal_excuse", "Согласно регламенту возврат невозможен."),
        ("rudeness", "Как я уже говорила, заказ в пути."),
        ("rudeness", "Читайте внимательнее условия акции."),
        ("rudeness", "Чего вы хотели за такие деньги?"),
        ("rudeness", "ЭТО НЕ НАША ПРОБЛЕМА!!!"),
        ("dismissive", "Ничего страшного, у всех бывает."),
        ("dismissive", "Не преувеличивайте, это всего лишь царапина."),
        ("dismissive", "Не стоит так переживать из-за такой мелочи."),
        ("cold", "Доводим до вашего сведения, что обращение рассмотрено."),
        ("cold", "Ваше обращение зарегистрировано. Ожидайте."),
        ("pushy_sales", "Кстати, не хотите оформить премиум-подписку?"),
        ("pushy_sales", "Пользуясь случаем, рекомендуем подключить тариф «Максимум»."),
        ("jargon", "Тикет эскалирован на L2, номенклатура уточняется."),
        ("jargon", "Ваша заявка передана на вторую линию."),
        ("commanding", "Ожидайте."),
        ("commanding", "Заполните форму."),
        ("commanding", "Звоните позже."),
        # polite-wrapped: courteous words, the same reproach or brush-off
        ("blame", "Видимо, кто-то из ваших близких забрал, уточните у них."),
        ("blame", "Скол мог появиться из-за бытовой химии, используйте перчатки."),
        ("blame", "Поломка возникла вследствие неправильной эксплуатации."),
        ("internal_excuse", "За повреждения при транспортировке отвечает маркетплейс."),
        ("internal_excuse", "Возврат оператор не осуществляет, обращайтесь к провайдеру."),
        ("internal_excuse", "При покупке вы согласились с условиями автопродления, отключить можно в ЛК."),
        ("dismissive", "Мастер задержалась по уважительной причине."),
        ("dismissive", "Отравиться нашими роллами невозможно."),
        ("dismissive", "Такого не может быть, мы всё проверяем."),
    ],
)
def test_flags(code: str, text: str) -> None:
    assert code in codes(text)


@pytest.mark.parametrize(
    ("code", "text"),
    [
        ("blame", "Это не ваша вина, мы всё исправим до пятницы."),
        ("blame", "Нам надо было предупредить вас заранее — простите."),
        ("blame", "Вы пишете, что сами виноваты, но это наша ошибка: деньги вернём сегодня."),
        ("blame", "Уточните, пожалуйста, номер заказа."),
        ("internal_excuse", "Извините, что заставили ждать! Курьер приедет завтра с 10 до 14."),
        ("internal_excuse", "По закону вернуть нельзя, но мы можем обменять товар на другой размер."),
        ("rudeness", "Заказ в пути, приедет завтра."),
        ("dismissive", "Не волнуйтесь, деньги вернутся сегодня до 18:00."),
        ("pushy_sales", "Мы не будем навязывать вам дополнительные услуги."),
        ("pushy_sales", "Этой модели нет, но есть похожая — прислать ссылку?"),
        ("commanding", "Пожалуйста, пришлите фото чека — я сразу оформлю возврат."),
        ("commanding", "Не ожидайте подвоха: подписка бесплатная."),
        ("cold", "Ближайший пункт — ул. Ленина, 12, с 9 до 21."),
        ("jargon", "Заказ передан курьеру, он позвонит за час до приезда."),
        ("blame", "Видимо, в системе произошёл сбой — простите, исправим сегодня."),
        ("blame", "Скол мог появиться из-за брака покрытия, переделаем бесплатно."),
        ("internal_excuse", "Мы отвечаем за доставку сами и вернём деньги сегодня."),
        ("dismissive", "Такое может быть после обновления, мы уже исправляем."),
    ],
)
def test_does_not_flag(code: str, text: str) -> None:
    assert code not in codes(text)


def test_the_same_lemma_rule_covers_every_form() -> None:
    forms = ["Вы сами виноват.", "Вы сами виноваты.", "Сами вините себя, а не нас."]
    assert all("blame" in codes(t) for t in forms)


def test_quote_and_span_point_at_the_words() -> None:
    text = "Здравствуйте! Вы сами виноваты, надо было читать договор."
    analysis = analyzer.analyze(text)
    blame = [i for i in analysis.issues if i.code == "blame"]
    assert blame
    for issue in blame:
        start, stop = issue.span
        assert text[start:stop] == issue.quote
    assert blame[0].quote == "Вы сами виноваты"


def test_no_apology_needs_a_complaint_in_context() -> None:
    draft = "Заказ передан в доставку, курьер привезёт его завтра до 18:00."
    assert "no_apology" not in codes(draft)
    assert "no_apology" in codes(draft, context="Заказ опоздал на три дня, это безобразие!")
    sorry = "Простите за задержку! " + draft
    assert "no_apology" not in codes(sorry, context="Заказ опоздал на три дня, это безобразие!")


def test_a_plain_question_is_not_a_complaint() -> None:
    assert "no_apology" not in codes("Ближайший пункт — ул. Ленина, 12, с 9 до 21.", "Где ближайший пункт выдачи?")


def test_no_next_step_for_empty_politeness() -> None:
    found = codes("Благодарим за обращение, мы ценим каждого клиента!", context="Мне пришёл разбитый телефон.")
    assert "no_next_step" in found


def test_a_concrete_step_satisfies_the_customer() -> None:
    found = codes(
        "Простите, пожалуйста! Я оформила замену, новый телефон привезут в четверг до 14:00.",
        context="Мне пришёл разбитый телефон.",
    )
    assert not found


def test_strengths_are_named() -> None:
    analysis = analyzer.analyze(
        "Ирина, простите за задержку — я лично прослежу, чтобы заказ № 45821 доставили завтра до 18:00."
    )
    strengths = {s.code for s in analysis.strengths}
    assert {"apology", "ownership", "solution", "personal"} <= strengths
    assert not analysis.needs_coaching
