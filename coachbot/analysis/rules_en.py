"""English detectors, in the same pattern syntax as the Russian ones.

English lemmas are crude stems (see ``text.english_lemma``); patterns are
written in plain words and stemmed the same way when compiled.
"""

from __future__ import annotations

ISSUE_PATTERNS: dict[str, list[tuple[str, dict]]] = {
    "blame": [
        ("next ~1 time", {"speech": True}),
        ("maybe|perhaps ~2 read|check|misunderstood|misread|you ~1 misunderstood|misread|forgot|entered|picked", {}),
        ("must ~1 be ~1 wrong|incorrect", {}),
        ("check ~2 with ~1 your ~1 family|bank|neighbours|neighbors", {}),
        ("you ~2 picked|selected|chose|entered|typed ~2 the ~1 wrong", {}),
        ("in ~1 the ~1 future ~2 please ~1 read|check|make", {}),
        ("you ~1 should|shoulda ~1 =have|='ve|ve", {"speech": True, "self": True}),
        ("your ~1 own ~1 fault|mistake|responsibility|problem", {"speech": True}),
        ("your ~1 fault|mistake|error", {"speech": True}),
        ("you ~2 didn't|did ~1 not ~1 read|check|follow|listen|pay|bother", {"speech": True, "neg": False}),
        ("you ~2 fail ~1 to", {"speech": True}),
        ("you ~1 obviously|clearly ~2 didn't|misread|missed|ignored", {"speech": True}),
        ("you ~2 misread|misunderstood|ignored|forgot|entered ~2 wrong|incorrect", {"speech": True}),
        ("if ~1 you ~1 had ~3 read|checked|listened|followed|paid", {}),
        ("you ~1 are ~1 not ~1 listening", {"neg": False}),
        ("it ~1 is|'s|s ~1 on ~1 you", {}),
        ("that's|thats|that ~1 on ~1 you", {}),
        ("you ~1 chose|agreed|signed|clicked ~3 yourself|so", {"speech": True}),
        ("read ~1 the ~1 terms|instructions|fine ~2 next ~1 time", {}),
        ("next ~1 time ~3 read|check|pay|be ~1 more", {}),
        ("you ~2 were ~1 supposed ~1 to", {"speech": True}),
        ("user ~1 error", {}),
    ],
    "internal_excuse": [
        ("falls|fall ~1 outside ~2 policy|scope|terms", {}),
        ("cannot|can't ~1 be ~1 accommodated|processed|made|changed|refunded", {"neg": False, "weak": True}),
        ("doesn't|don't|won't ~1 allow|support|let", {"neg": False}),
        ("not ~1 able ~1 to ~1 change|refund|cancel|help|do", {"neg": False}),
        ("I ~1 don't ~1 have ~1 access", {"neg": False}),
        ("responsible ~1 for ~1 verifying|checking|reading", {}),
        ("we ~1 are|'re ~1 not ~1 responsible", {"neg": False}),
        ("we're|we ~1 not ~1 responsible", {"neg": False}),
        ("not ~1 our ~1 responsibility|fault|problem|department", {"neg": False}),
        ("can't|cannot ~1 do ~1 anything", {"neg": False, "alt": False}),
        ("how ~1 our ~1 system ~1 work", {}),
        ("the ~1 fee|charge|rule|policy ~1 stands", {}),
        ("no ~1 exceptions", {"neg": False}),
        ("handle|handled|deal ~2 by ~2 another|a ~1 different|other ~1 team|department", {"alt": False}),
        ("beyond ~1 our ~1 control", {}),
        ("not ~1 my|our ~1 department|team|job|responsibility|area|problem", {"neg": False, "alt": False}),
        ("company|our ~1 policy|policies|rules ~3 don't|doesn't|won't|prevent|prohibit|forbid|not", {"neg": False}),
        ("policy ~1 is ~1 policy", {}),
        ("rules ~1 are ~1 rules", {}),
        ("system ~3 doesn't|won't|can't|cannot|not ~2 allow|let|accept|support", {"neg": False}),
        ("accounting|finance|warehouse|management|legal ~3 doesn't|won't|don't ~2 allow|like|approve|want|accept", {"neg": False}),
        ("that's|that|is ~1 just ~1 how ~1 we|it ~1 work|do", {}),
        ("nothing ~1 I|we ~1 can ~1 do", {"neg": False}),
        ("out ~1 of ~1 my|our ~1 hands|control", {}),
        ("per|according ~2 our|internal|company ~1 policy|procedure|rules|guidelines", {}),
        ("we ~2 don't|not ~1 handle|deal ~2 that|this|those|with", {"neg": False, "alt": False}),
        ("I ~2 can't|cannot ~1 help ~1 you ~1 with ~1 that", {"neg": False}),
        ("it ~1 is|'s ~1 not ~1 up ~1 to ~1 me", {"neg": False}),
        ("inconvenient ~2 for ~1 us|accounting|our", {}),
    ],
    "rudeness": [
        ("not ~1 rocket ~1 science", {"neg": False}),
        ("it's|that's ~1 not ~1 that ~1 hard", {"neg": False}),
        ("obviously", {"weak": True}),
        ("as ~1 I ~1 already|previously ~1 said|told|explained|mentioned|stated|wrote", {}),
        ("I ~1 already ~1 told|explained|said", {}),
        ("read ~1 more ~1 carefully", {}),
        ("what ~1 did ~1 you ~1 expect", {}),
        ("how ~1 many ~1 times", {}),
        ("for ~1 the ~1 last|hundredth|third|fifth ~1 time", {}),
        ("calm ~1 down", {}),
        ("stop ~1 yelling|shouting|complaining", {}),
        ("not ~1 my ~1 problem", {"neg": False}),
        ("your ~1 problem", {"speech": True}),
        ("obviously|seriously ~1 ,", {"weak": True}),
        ("is ~1 it ~1 really ~1 that ~1 hard|difficult", {}),
        ("not ~1 that ~1 hard|difficult|complicated", {"neg": False}),
        ("like ~1 I ~1 said", {}),
        ("do ~1 I ~1 have ~1 to ~1 repeat", {}),
        ("whatever", {"weak": True}),
        ("clearly ~1 stated", {"weak": True}),
    ],
    "dismissive": [
        ("don't ~1 panic", {"neg": False}),
        ("perfectly|completely|totally ~1 normal", {}),
        ("it's|that's ~1 normal", {}),
        ("could ~1 be ~1 worse", {}),
        ("everyone ~2 has|gets|deals", {}),
        ("not ~1 that ~1 bad|serious|big", {"neg": False}),
        ("no ~1 big ~1 deal", {"neg": False}),
        ("not ~1 a ~1 big ~1 deal", {"neg": False}),
        ("don't|not ~1 overreact|exaggerate|dramatize", {"neg": False}),
        ("overreact|overreacting|exaggerating|dramatic", {}),
        ("happens ~1 to ~1 everyone|everybody", {}),
        ("it ~1 happens", {"weak": True}),
        ("just ~1 a ~1 minor|small|tiny ~1 issue|thing|delay|problem|inconvenience", {}),
        ("it's|that's|is ~1 only|just ~1 a", {"weak": True}),
        ("not ~1 the ~1 end ~1 of ~1 the ~1 world", {"neg": False}),
        ("relax|chill", {}),
        ("nothing ~1 to ~1 worry|fuss ~1 about", {"neg": False}),
        ("no ~1 need ~1 to ~1 get ~1 upset|worked|angry", {"neg": False}),
        ("minor ~1 inconvenience", {}),
    ],
    "cold": [
        ("your ~1 request|complaint|inquiry|enquiry|ticket|case ~2 has ~1 been ~1 received|registered|logged|noted", {"weak": True}),
        ("will ~1 be ~1 processed|reviewed|handled ~2 in ~1 due ~1 course|order|accordance", {"weak": True}),
        ("in ~1 due ~1 course", {"weak": True}),
        ("in ~1 accordance ~1 with", {"weak": True}),
        ("please ~1 be ~1 advised|informed", {}),
        ("we ~1 hereby|herewith", {}),
        ("kindly ~1 be ~1 informed", {}),
        ("the ~1 aforementioned|abovementioned|above-mentioned", {}),
        ("thank ~1 you ~1 for ~1 contacting|your ~1 inquiry|enquiry|request", {"weak": True}),
        ("we ~1 value ~1 every|all|our ~1 customer|customers|feedback", {"weak": True}),
        ("your ~1 feedback|opinion|call ~1 is ~1 important", {"weak": True}),
        ("this ~1 matter", {"weak": True}),
        ("do ~1 not ~1 reply ~1 to ~1 this", {"weak": True}),
    ],
    "pushy_sales": [
        ("to ~1 avoid ~1 this ~3 upgrade|subscribe|sign|buy|switch|add|purchase", {}),
        ("you ~1 should ~1 really ~1 consider ~2 upgrade|buy|premium|our", {}),
        ("great ~1 time ~1 to ~1 upgrade|buy|switch", {}),
        ("also ~2 offer ~2 premium|upgrade|plan|package|bundle|insurance|protection", {}),
        ("by ~1 the ~1 way ~4 upgrade|offer|discount|premium|plan|deal|subscribe|sign|try|buy", {}),
        ("while ~1 you're|you ~1 are ~1 here", {}),
        ("why ~1 not ~1 upgrade|try|buy|subscribe|switch|add", {}),
        ("upgrade ~2 to ~2 premium|plus|pro|gold|platinum|business|our", {}),
        ("don't ~1 miss ~2 out|our|this ~1 offer|deal|sale|chance", {"neg": False}),
        ("limited ~1 time ~1 offer|deal", {}),
        ("special ~1 offer|deal|promotion", {}),
        ("hurry", {}),
        ("only ~1 today|now|this ~1 week", {"weak": True}),
        ("would ~1 you ~1 like ~1 to ~2 upgrade|buy|add|purchase|subscribe|try ~1 our", {}),
        ("we ~1 recommend ~3 upgrade|buy|purchase|subscribe|premium|extended|insurance|protection|plan", {}),
        ("extended ~1 warranty|protection|plan", {}),
        ("premium ~1 plan|package|membership|subscription|tier|support", {"weak": True}),
        ("check ~1 out ~1 our ~2 new|latest|premium|offer", {}),
    ],
    "jargon": [
        ("escalate|escalated|escalation|l1|l2|l3|sla|backend|backlog|rma|p1|p2|jira|sku|fba|fbo|crm|kyc|aml|chargeback|noc|mdm|ivr|wfm|rca|workaround|hotfix|deploy|deployment|prod", {}),
        ("ticket ~1 status", {}),
        ("tier ~1 #NUMB|one|two|three", {}),
        ("status ~1 pending|resolved|closed|#NUMB", {"weak": True}),
        ("second|third ~1 line", {}),
    ],
    "commanding": [
        ("=wait|=hold", {"imperative": True, "start": True}),
        ("=call|=contact|=fill|=send|=provide|=attach|=read|=check|=restart|=reboot|=reinstall|=update|=come|=bring|=go|=submit|=enter|=click|=pay|=sign|=stop|=try|=refer|=visit|=reset|=follow|=email|=write|=upload|=download", {"imperative": True, "start": True}),
    ],
}

STRENGTH_PATTERNS: dict[str, list[str]] = {
    "apology": [
        "sorry", "apologize|apologise|apologies|apology|apologizes|apologised|apologized",
        "our ~1 mistake|fault|error|bad", "we ~1 messed ~1 up", "we ~2 let ~1 you ~1 down",
        "my ~1 apologies", "we ~1 regret",
    ],
    "empathy": [
        "I ~1 understand|can ~1 imagine|know ~1 how", "understand ~2 frustrat*|upset*|annoy*|worr*|disappoint*|concern*",
        "frustrating|upsetting|stressful|annoying|disappointing",
        "must ~1 be|have ~1 been", "I ~1 hear ~1 you", "completely|totally ~1 understand",
        "that ~1 sounds", "in ~1 your ~1 shoes",
    ],
    "ownership": [
        "I ~1 personally", "I'll|I ~1 will ~1 make ~1 sure|personally|take ~1 care|follow ~1 up|own|handle",
        "take ~1 ownership|responsibility", "keep ~1 an ~1 eye",
    ],
    "gratitude": ["thank|thanks|grateful|appreciate"],
}

ACTION_VERBS = frozenset(
    ["refund", "return", "send", "resend", "ship", "replace", "fix", "repair", "credit", "transfer", "call", "contact", "check", "restore", "reactivate", "unblock", "cancel", "book", "rebook", "schedule", "reschedule", "deliver", "issue", "waive", "reverse", "update", "arrange", "extend", "compensate", "reimburse", "process", "escalate", "investigate", "resolve", "email", "reset", "activate", "move", "upgrade", "add", "remove", "correct"]
)
TIME_WORDS = frozenset(
    ["today", "tomorrow", "tonight", "morning", "evening", "afternoon", "minute", "minutes", "hour", "hours", "day", "days", "week", "weeks", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "now", "immediately", "shortly", "within", "by", "until", "asap", "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december", "business"]
)
VAGUE_PROMISES = [
    "we'll|we ~1 will ~1 look ~1 into", "we ~2 are ~1 looking ~1 into", "has|have ~1 been ~1 forwarded|passed|escalated",
    "we ~1 will ~1 get ~1 back", "someone ~1 will ~1 contact", "please ~1 wait", "we ~2 value",
    "we'll|we ~1 will ~1 try", "=noted", "being ~1 processed", "will ~1 be ~1 processed|reviewed|handled",
    "nothing ~1 I|we ~1 can ~1 do", "thank ~1 you ~1 for ~1 your ~1 patience|understanding",
]
COMPLAINT_WORDS = frozenset(
    ["late", "delay", "delayed", "broken", "never", "wrong", "damaged", "missing", "lost", "charged", "twice", "overcharged", "double", "refund", "complaint", "terrible", "awful", "horrible", "unacceptable", "ridiculous", "disgusting", "rude", "cancelled", "canceled", "cold", "stale", "still", "waiting", "worst", "disappointed", "furious", "angry", "outage", "down", "crashed", "crash", "error", "failed", "failure", "bug", "stuck", "dead", "scam"]
)
COMPLAINT_PATTERNS = [
    "still ~2 not|haven't|hasn't|no|waiting", "didn't|doesn't|isn't|not|never ~2 work|arrive|come|get|receive|load",
    "where ~2 is ~1 my", "why ~3 not|still|again", "for ~1 #NUMB ~1 days|weeks|hours",
]
ADMITTED_FAILURE = [
    "there ~1 was|has ~1 been ~2 delay|error|outage|mistake|glitch|issue|problem",
    "was|were|got|has ~1 been ~1 delayed|lost|damaged|cancelled|canceled|overcharged",
    "due ~1 to ~2 error|glitch|outage|issue|problem|shortage",
]
