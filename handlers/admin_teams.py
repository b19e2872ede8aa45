"""Teams and roles: /teams, /newteam NAME, /invite TEAM, /role USER ROLE (the audit log is the services')."""

from __future__ import annotations

from telegram import Update
from telegram.ext import Application, CommandHandler

from coachbot.bot_context import BotContext
from coachbot.services import NotFound, ValidationFailed
from handlers.common import answer, args_text, requires, send_html
from handlers.texts import count, plain, t

ROLES = ("employee", "lead", "admin")


def invite_link(context: BotContext, code: str) -> str:
    """A deep link that opens the bot and joins the team in one tap."""
    return f"https://t.me/{context.bot.username}?start={code}"


def reason(lang: str, error: ValidationFailed) -> str:
    """The service's reason in the reader's language where the bot knows it."""
    message = str(error)
    for marker, key in (
        ("by configuration", "role_config_admin"),
        ("only admin", "role_last_admin"),
        ("several users", "employee_ambiguous"),
    ):
        if marker in message:
            return t(lang, key)
    return t(lang, "service_reason", reason=message)


@requires("admin")
async def list_teams(update: Update, context: BotContext) -> None:
    lang = context.lang
    teams = await context.services.teams.list_teams(context.me.telegram_id)
    if not teams:
        await answer(update, context, "teams_empty")
        return
    lines = [t(lang, "teams_title")]
    lines += [
        t(lang, "teams_item", name=team.name, members=count(lang, "people", team.members), code=team.invite_code)
        for team in teams
    ]
    await send_html(update, context, "\n".join(lines))


@requires("admin")
async def new_team(update: Update, context: BotContext) -> None:
    name = args_text(context)
    if not name:
        await answer(update, context, "newteam_usage")
        return
    try:
        team = await context.services.teams.create_team(context.me.telegram_id, name)
    except ValidationFailed as error:
        if "already" in str(error):
            await answer(update, context, "newteam_exists", name=name)
        else:
            await send_html(update, context, reason(context.lang, error))
        return
    await answer(update, context, "newteam_ok", name=team.name, code=team.invite_code,
                 link=invite_link(context, team.invite_code))  # fmt: skip


@requires("lead", "admin")
async def invite(update: Update, context: BotContext) -> None:
    name = args_text(context) or context.me.team_name
    if not name:
        await answer(update, context, "invite_usage")
        return
    try:
        code = await context.services.teams.rotate_invite(context.me.telegram_id, name)
    except NotFound:
        await answer(update, context, "team_missing", name=name)
        return
    await answer(update, context, "invite_ok", team=name, code=code, link=invite_link(context, code))


@requires("admin")
async def set_role(update: Update, context: BotContext) -> None:
    args = context.args or []
    if len(args) < 2 or args[-1].lower() not in ROLES:
        await answer(update, context, "role_usage")
        return
    target, role = " ".join(args[:-1]), args[-1].lower()
    try:
        user = await context.services.users.set_role(context.me.telegram_id, target, role)
    except NotFound:
        await answer(update, context, "user_missing", name=target)
        return
    except ValidationFailed as error:
        await send_html(update, context, reason(context.lang, error))
        return
    await answer(update, context, "role_ok", name=user.name, role=plain(context.lang, f"role_{role}"))


def register(application: Application) -> None:
    application.add_handler(CommandHandler("teams", list_teams))
    application.add_handler(CommandHandler("newteam", new_team))
    application.add_handler(CommandHandler("invite", invite))
    application.add_handler(CommandHandler("role", set_role))
