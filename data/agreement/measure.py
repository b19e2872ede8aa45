import glob
import json

from coachbot.taxonomy import ISSUE_CODES

gold = {}
for p in glob.glob("data/tone/*.jsonl"):
    for l in open(p):
        try:
            o = json.loads(l)
        except Exception:
            continue
        gold[o["id"]] = o
sec = [json.loads(l) for l in open("data/agreement/second_labels.jsonl")]
codes = list(ISSUE_CODES)


def kappa(a, b):
    n = len(a)
    po = sum(x == y for x, y in zip(a, b)) / n
    pa = sum(a) / n
    pb = sum(b) / n
    pe = pa * pb + (1 - pa) * (1 - pb)
    return (po - pe) / (1 - pe) if pe < 1 else 1.0


def f1(a, b):
    tp = sum(x and y for x, y in zip(a, b))
    fp = sum((not x) and y for x, y in zip(a, b))
    fn = sum(x and not y for x, y in zip(a, b))
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


rows = [(gold[s["id"]], s) for s in sec]
print(f"{'label':16} {'first':>5} {'second':>6} {'agree%':>7} {'kappa':>6} {'F1':>5}")
for c in ["needs_coaching"] + codes:
    if c == "needs_coaching":
        a = [bool(g["needs_coaching"]) for g, s in rows]
        b = [bool(s["needs_coaching"]) for g, s in rows]
    else:
        a = [c in g["issues"] for g, s in rows]
        b = [c in s["issues"] for g, s in rows]
    print(
        f"{c:16} {sum(a):5d} {sum(b):6d} {100 * sum(x == y for x, y in zip(a, b)) / len(a):7.1f} {kappa(a, b):6.2f} {f1(a, b):5.2f}"
    )
sa = sum(g["sentiment"] == s["sentiment"] for g, s in rows) / len(rows)
print("sentiment agreement", round(100 * sa, 1))
import statistics

prec = ["blame", "internal_excuse", "rudeness", "pushy_sales", "dismissive", "no_apology", "no_next_step"]


def macro(cs):
    return statistics.mean(f1([c in g["issues"] for g, s in rows], [c in s["issues"] for g, s in rows]) for c in cs)


print("macro-F1 (7 precise codes)", round(macro(prec), 3), " all 10", round(macro(codes), 3))
new = [(g, s) for g, s in rows if g["id"].split("-")[0] in ("b8", "b9", "b10", "b11")]
print(
    "new batches",
    len(new),
    "binary agreement",
    round(100 * sum(bool(g["needs_coaching"]) == bool(s["needs_coaching"]) for g, s in new) / len(new), 1),
)
import collections

dis = collections.Counter()
for g, s in rows:
    for c in codes:
        if (c in g["issues"]) != (c in s["issues"]):
            dis[(c, "first" if c in g["issues"] else "second")] += 1
print(dis.most_common(12))
