"""Drafts the end-to-end tests send, with what the coach is expected to see in them."""

# Blames the customer, orders them about, and gives no next step.
RUDE = "Вы сами виноваты, надо было читать договор. Ожидайте."
RUDE_QUOTE = "Вы сами виноваты"
# Apologises, names the feeling, owns the fix and gives a time: nothing to coach.
KIND = (
    "Анна, простите, пожалуйста, за задержку — понимаю, как это неприятно. "
    "Я лично проверю ваш заказ 4521 и напишу вам сегодня до 15:00."
)
CUSTOMER = "Заказ 4521 опоздал на три дня, это безобразие!"

BOT_ADMIN = 4242  # the Telegram id the e2e settings list in COACHBOT_ADMIN_IDS
