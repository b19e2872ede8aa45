"""What the bot says, in English. Short, warm, specific: about the text, never about the person."""

# ruff: noqa: E501 - sentences read better unwrapped

PLURALS = {
    "drafts": ("{n} draft", "{n} drafts"),
    "people": ("{n} person", "{n} people"),
    "days": ("{n} day", "{n} days"),
    "flags": ("{n} flag", "{n} flags"),
}

TEXTS = {
    # --- getting started -----------------------------------------------------------------
    "welcome_new": (
        "Hello, {name}! I help make replies to customers warmer and clearer.\n\n"
        "Send me a draft reply: I'll show which words may sting the customer and why, "
        "and offer versions that keep every fact.\n\n"
        "If a customer wrote to you, forward their message here first, then send your reply: "
        "I'll read it in that context.\n\n"
        "All commands: /help. Language: /lang."
    ),
    "welcome_back": "Welcome back, {name}! Send a draft reply to a customer and we'll look at it together.",
    "team_line": "You're in the “{team}” team.",
    "no_team_hint": "If your team lead gave you an invite code, send /join CODE.",
    "help_staff": (
        "<b>How it works</b>\n"
        "• Send a draft reply to a customer: you get a score, notes and better versions.\n"
        "• Forward the customer's message before your reply (or reply to it) and I'll take it into account.\n\n"
        "/history — your drafts\n"
        "/progress — your progress chart\n"
        "/join CODE — join a team\n"
        "/lang — interface language\n"
        "/business — coaching on your Telegram Business replies\n"
        "/forgetme — delete your data\n"
        "/cancel — cancel what you were typing"
    ),
    "help_lead": "\n\n<b>For team leads</b>\n/team — team summary\n/employee NAME — one person's drafts\n/invite — a new invite code",
    "help_admin": (
        "\n\n<b>For admins</b>\n"
        "/teams — all teams · /newteam NAME · /invite TEAM\n"
        "/role USER ROLE — roles: employee, lead, admin\n"
        "/prompts — prompts · /styleguide — company rules\n"
        "/flags — disputed verdicts · /settings — settings"
    ),
    "lang_choose": "Which language suits you?",
    "lang_set": "Done — I'll speak English from now on.",
    "join_usage": "Send the invite code after the command, for example: /join AB12CD34",
    "join_ok": (
        "Welcome to the “{team}” team! Your lead will see your progress and recurring notes, "
        "to help you grow, not to check up on you."
    ),
    "join_lead_left": (
        "You've joined this team as a member: a lead role doesn't move with you. "
        "If you lead this team too, ask an admin to make you its lead."
    ),
    "join_invalid": "That code didn't work; it may have been renewed. Ask your team lead for a fresh one.",
    # --- a draft's analysis ------------------------------------------------------------------
    "score_good": "<b>{score}/100</b>: the reply sounds caring and to the point.",
    "score_ok": "<b>{score}/100</b>: a good reply with a little left to polish.",
    "score_needs": "<b>{score}/100</b>: this reply could use a little care.",
    "score_rework": "<b>{score}/100</b>: as it stands, this reply is likely to upset the customer. Below: what to change, and versions ready to send.",
    "with_context": "<i>Read together with the customer's message.</i>",
    "issues_title": "<b>What could be better</b>",
    "issue_line": "{n}. <b>{title}</b>: “{quote}”\n<b>Why:</b> {why}\n<b>How:</b> {how}",
    "issue_line_noquote": "{n}. <b>{title}</b>\n<b>Why:</b> {why}\n<b>How:</b> {how}",
    "more_issues": "…and {n} more: tap “Explain more” for all of them.",
    "no_issues": "Nothing to fix: send it as it is.",
    "strengths_title": "<b>What already works</b>",
    "strength_line": "• {title} — “{quote}”",
    "strength_line_noquote": "• {title}",
    "style_title": "Company style rule",
    "style_why": "“{phrase}” is on the company's list of phrases to avoid.",
    "style_how": "Try instead: “{replacement}”.",
    "style_how_none": "Rephrase without it.",
    "address_why": "The company addresses customers as “{form}”.",
    "address_how": "Write “{form}” instead of “{found}”.",
    "address_how_informal": "Address the customer as “{form}”.",
    "rewrites_title": "<b>Versions</b>: tap a block to copy it:",
    "rewrites_fill": "<i>Fill in the details in place of the [words in brackets].</i>",
    "rewrite_label": "<b>Version {n}</b> · {style} · {score}/100",
    "rewrites_pending": "<i>Preparing better versions…</i>",
    "rewrites_none": "<i>No version came out better than yours yet: adjust the text using the notes above and send it again.</i>",
    "style_warm": "warm",
    "style_concise": "concise",
    "style_formal": "formal",
    "btn_use": "✅ Use version {n}",
    "btn_another": "🔄 Another version",
    "btn_wrong": "🙅 The verdict is wrong",
    "btn_explain": "💡 Explain more",
    "btn_show_edit": "✏️ Show the edit",
    "edit_title": "<b>Version {n}</b> as an edit of your text: <s>removed</s>, <b>added</b>.",
    "use_done": "Noted version {n}. The text is below, ready to copy.",
    "another_none": "I have no other versions of this text; try adjusting it with the notes.",
    "another_title": "One more version:",
    "flag_ask": "Thanks for telling me! What's wrong with the verdict? Write it in one message, or tap “No comment”.",
    "btn_flag_skip": "No comment",
    "flag_saved": "Noted. Someone will review this verdict and tune the rules, which makes the coach more accurate. Thank you!",
    "flag_already": "You've already flagged this verdict; it's waiting for review.",
    "explain_title": "<b>More about the notes</b>",
    "explain_none": "Nothing to explain here: this draft has no notes. Keep it up!",
    "slow_down": "Let's slow down a little — lots of drafts arrived at once. I'll read the next one in {seconds} s; please resend the ones from just now after the pause.",
    "context_saved": "Got the customer's message. Now send your draft reply and I'll read it in that context.",
    # --- history and progress ---------------------------------------------------------------------
    "history_title": "<b>Your drafts</b> · {total} · page {page} of {pages}",
    "history_item": "{date} · <b>{score}</b>/100 · {issues}\n<i>{preview}</i>",
    "history_chosen": " · ✓ version used",
    "history_clean": "no notes",
    "history_empty": "Nothing here yet. Send a draft reply to a customer and it will show up in your history.",
    "btn_prev": "‹ Back",
    "btn_next": "Next ›",
    "progress_caption": "In {days}: {drafts}, average score {avg}. {trend}",
    "progress_empty": "Nothing to show yet: send your first draft and the chart will start to grow.",
    "chart_progress_title": "Your progress · {days}",
    "chart_score": "Score of the day",
    "chart_avg": "Average score",
    "chart_drafts": "drafts",
    "chart_drafts_short": "drafts",
    "chart_threshold": "threshold",
    "chart_trend": "7-day average",
    "chart_no_data": "No drafts yet",
    "chart_team_title": "Team “{team}” · {days}",
    "chart_employees": "People: average score, drafts, change over the week",
    "chart_daily": "The team by day",
    "chart_issues": "Recurring notes",
    "trend_up": "Last week was better than the one before ({delta}): real progress!",
    "trend_down": "Last week was a little lower than the one before ({delta}); /history shows what keeps coming up.",
    "trend_flat": "Holding steady.",
    "trend_none": "The trend appears once there are two weeks of drafts.",
    # --- the team -------------------------------------------------------------------------------
    "team_no_team": "You're not in a team yet. Send /join CODE or ask an admin to add you.",
    "team_foreign": "You can only see your own team. Its summary: /team.",
    "team_admin_usage": "Name the team: /team Support. All teams: /teams.",
    "team_title": "<b>Team “{team}”</b> · {days}\n{drafts} · average score {avg}",
    "team_row": "<b>{name}</b> — {drafts} · avg {avg} · {trend}\nversions used: {share} · flags: {flags}{issues}",
    "team_row_issues": "\noften: {issues}",
    "team_top": "<b>Most frequent in the team:</b> {issues}",
    "team_idle": "<b>No drafts yet:</b> {names}",
    "team_empty": "No drafts in the team for this period. The summary appears as soon as people start sending replies.",
    "team_trend_up": "▲ {delta}",
    "team_trend_down": "▼ {delta}",
    "team_trend_flat": "= 0",
    "team_trend_none": "no trend yet",
    "employee_usage": "Send a name or @username: /employee Anna",
    "employee_title": "<b>{name}</b> · {total} · page {page} of {pages}",
    "employee_missing": "There's no “{name}” in your team. Check the name or use the @username.",
    "employee_ambiguous": "Several people have that name; use the @username.",
    "digest_title": "<b>The week of team “{team}”</b>",
    "digest_body": "{drafts}, average score {avg}.\nMost frequent: {issues}\nDetails: /team",
    # --- administration ----------------------------------------------------------------------------
    "teams_title": "<b>Teams</b>",
    "teams_item": "• <b>{name}</b> — {members}, code <code>{code}</code>",
    "teams_empty": "No teams yet. Create the first one: /newteam Name",
    "newteam_usage": "Send the name: /newteam Support",
    "newteam_ok": "Team “{name}” created.\nInvite code: <code>{code}</code>\nLink: {link}",
    "newteam_exists": "There's already a team called “{name}”; pick another name.",
    "invite_usage": "Send the team: /invite Support",
    "invite_ok": "New code for “{team}”: <code>{code}</code>. The old one no longer works.\nLink: {link}",
    "team_missing": "There's no team “{name}”. See /teams.",
    "role_usage": "Send who and which role: /role @username lead\nRoles: employee, lead, admin.",
    "role_ok": "Done: {name} is now {role}.",
    "role_employee": "an employee",
    "role_lead": "a team lead",
    "role_admin": "an admin",
    "user_missing": "I couldn't find “{name}”. They need to send /start to the bot at least once.",
    "role_config_admin": "This person is an admin by configuration (COACHBOT_ADMIN_IDS); change it there.",
    "role_last_admin": "This is the only admin: make someone else an admin first.",
    "prompts_title": "<b>Prompts</b>: tap to view, edit or roll back:",
    "prompts_item": "• <code>{name}</code> — version {version}{source}",
    "prompts_default": " (from file)",
    "prompt_show": "<b>{name}</b> · version {version}\nRequired fields: {fields}\n<pre>{text}</pre>",
    "prompt_edit_ask": "Send the new text of the “{name}” prompt in one message.\nIt must contain: {fields}.\n/cancel to stop.",
    "prompt_saved": "Saved: “{name}”, version {version}. You can roll back in /prompts.",
    "prompt_missing_fields": "Not saved: the text lacks {fields}. Send a corrected text or /cancel.",
    "prompt_unknown_fields": "Not saved: the prompt doesn't know {fields}. It can use: {allowed}. Send a corrected text or /cancel.",
    "prompt_invalid": "Not saved: {reason}. Send a corrected text or /cancel.",
    "prompt_history_title": "<b>{name}</b> · versions (newest first):",
    "prompt_history_item": "v{version} · {date} · {author}{active}",
    "prompt_history_default": "v0 · the original text from the file{active}",
    "prompt_active": " · <b>in use</b>",
    "prompt_rolled_back": "“{name}” is back on version {version}.",
    "prompt_unknown": "There's no prompt “{name}”. See /prompts.",
    "btn_show": "Show",
    "btn_edit": "Edit",
    "btn_history": "Versions",
    "btn_rollback": "↩ to v{version}",
    "styleguide_title": "<b>Company rules</b>",
    "styleguide_address": "Address customers as: “{form}”",
    "styleguide_banned": "{id}. “{phrase}” → {replacement}",
    "styleguide_no_replacement": "no replacement",
    "styleguide_empty": "No rules yet.",
    "styleguide_usage": (
        "Ban a phrase: <code>/styleguide ban phrase = replacement</code>\n"
        "Form of address: <code>/styleguide address Вы</code>\n"
        "Remove a rule: <code>/styleguide remove NUMBER</code>"
    ),
    "styleguide_added": "Added: “{phrase}” → {replacement}.",
    "styleguide_address_set": "Customers are now addressed as “{form}”.",
    "styleguide_removed": "Rule {id} removed.",
    "styleguide_bad_address": "The form of address can be «вы» or «Вы».",
    "styleguide_missing": "There's no rule number {id}.",
    "flags_title": "<b>Disputed verdicts</b> · {count}",
    "flags_item": "<b>#{id}</b> · {date} · {name} · {score}/100 · {codes}\n<i>{text}</i>\nComment: {comment}",
    "flags_no_comment": "—",
    "flags_empty": "The queue is empty: every flag has been reviewed.",
    "btn_resolve": "✓ #{id} reviewed",
    "btn_export": "Export JSONL",
    "flag_resolved": "Flag #{id} reviewed.",
    "flags_export_caption": "All flags: {count}. No names: only texts, codes and comments.",
    "settings_title": "<b>Settings</b>",
    "settings_item": "<code>{key}</code> = <b>{value}</b>\n{help}",
    "settings_usage": "To change: <code>/settings key value</code>, for example <code>/settings retention_days 180</code>",
    "settings_saved": "Done: {key} = {value}.",
    "settings_invalid": "Not saved: {reason}.",
    "bad_coaching_threshold": "the threshold is a whole number from 0 to 100",
    "bad_llm_enabled": "llm_enabled is on or off",
    "bad_retention_days": "retention is a whole number of days, at least 1",
    "bad_digest_day": "the day is a number from 0 (Monday) to 6 (Sunday)",
    "bad_digest_time": "the time is HH:MM, for example 09:30",
    "bad_setting_key": "there's no such setting; there are: {keys}",
    "btn_llm_on": "Turn LLM on",
    "btn_llm_off": "Turn LLM off",
    "help_coaching_threshold": "drafts scoring below this get coaching (0–100)",
    "help_llm_enabled": "versions from the LLM (on/off)",
    "help_retention_days": "drafts older than this many days are deleted",
    "help_digest_day": "weekday of the digest: 0 is Monday … 6 is Sunday",
    "help_digest_time": "time of the digest, HH:MM (UTC)",
    # --- privacy ---------------------------------------------------------------------------------------
    "forget_ask": "Delete all your data: drafts, versions, flags and your profile? This can't be undone.",
    "btn_forget_yes": "Yes, delete",
    "btn_forget_no": "No, keep it",
    "forget_done": "Done: your data is deleted. If you'd like to come back, just send /start.",
    "forget_cancelled": "All right, nothing deleted.",
    # --- when something is off ------------------------------------------------------------------------------
    "only_text": "I can only read text. Send your draft reply in words.",
    "sticker": "Nice sticker! I can only read text, though: send me a draft reply to a customer.",
    "photo": "I can't read photos: please paste the text of your reply into a message.",
    "voice": "I can't transcribe voice messages yet: send your reply as text and I'll look at it.",
    "document": "I don't open files: paste the text of your reply right into the message.",
    "admin_only": "This command is for admins. If you need it, ask your admin.",
    "lead_only": "This command is for team leads. Your own progress is in /progress.",
    "unknown_command": "I don't know the command {command}. All commands: /help.",
    "stale_button": "This button is from an older message: send the text again or open /history.",
    "not_yours": "These buttons only work for the author of the draft.",
    "closed_access": (
        "Hello! I work for the company's teams, by invitation.\n\n"
        "If your team lead gave you a code, send /join CODE and you're in. "
        "If you don't have one, ask your team lead."
    ),
    "group_chat": "I work in private messages: write to me directly so that only you see your drafts.",
    "error": "Something went wrong on my side. Your text isn't lost: please try again in a minute.",
    "cancelled": "Cancelled.",
    "nothing_to_cancel": "There's nothing to cancel: just send a draft.",
    "service_reason": "That didn't work: {reason}.",
    # --- the command menu (plain text) ---
    "cmd_start": "Start",
    "cmd_history": "My drafts",
    "cmd_progress": "My progress",
    "cmd_team": "Team summary (for leads)",
    "business_on": "💼 Telegram Business is connected: I read each reply you send a customer and, if something could be better, tell you here, privately. Good replies get no message. To disconnect: Settings → Telegram Business → Chatbots.",
    "business_off": "💼 Connect me to Telegram Business (Settings → Telegram Business → Chatbots) and I'll coach your real replies to customers, here and only for you. The customer never sees anything from me.",
    "business_intro": "💼 Your reply to a customer in Telegram Business. It is sent already; here is what to watch next time:",
    # inline mode: @bot <draft> in any chat
    "inline_verdict": "{score}/100 · {what}",
    "inline_fine": "good to send",
    "inline_company_rule": "company rules",
    "inline_keep": "Insert the draft as it is",
    "inline_version": "Version {n} · {style}",
    "inline_start_first": "Open the bot first: it takes a second",
    "inline_open_bot": "Open the coach",
    "inline_too_long": "The draft is over 256 characters",
    "inline_too_long_hint": "It won't fit here: send it in the chat with the bot",
    "inline_ready": "Now type @{bot} and your draft in any chat, and I'll coach it before you send.",
    "cmd_join": "Join a team with a code",
    "cmd_lang": "Language",
    "cmd_help": "What I can do",
    "cmd_business": "Telegram Business",
    "cmd_forgetme": "Delete my data",
}
