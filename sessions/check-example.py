#!/usr/bin/env python3
"""Checks the GFMD 2020 example data against the figures of the reference report.

Reads sessions/gfmd-2020-roster.csv and sessions/gfmd-2020-notes.txt on their own
(no rapporteur binary needed), counts participants, entities, interventions and
per-priority convergence, and fails loudly if a figure drifts from the one the
reference report states. Names and tags must resolve unambiguously even under the
loosest reading of "fuzzy" (a case-insensitive subsequence), and notes must not
name their speaker or the speaker's entity.

Usage: python3 sessions/check-example.py
"""

import csv
import re
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
GROUPS = {  # id -> (display name, counts for convergence)
    "states": ("States", True),
    "civil-society": ("Civil society", True),
    "business": ("Business", True),
    "mayors": ("Mayors", True),
    "observers": ("Observers", False),
}
PRIORITIES = {
    "health": "Learn the COVID lesson: open health services to all",
    "recruitment": "Fix recruitment practices",
    "street-children": "Improve protection of street children and girls",
    "data": "Invest in better data for protection and communication",
    "narratives": "Improve public narratives on migration",
    "regularization": "Recognize regularization of residence and employment",
    "pathways": "Build a culture that regularizes: regular pathways",
    "local-partners": "Mayors and local authorities as key partners",
    "business-partners": "Business actors as partners",
}
QUOTES = [
    "These are the very guys",
    "integration is local",
    "there were no reprisals, no more attacks.",
    "extraordinary effects of the pandemic require extraordinary measures.",
    "even in a selfish way",
]

failures = []


def expect(what, got, want):
    mark = "ok " if got == want else "BAD"
    print(f"  [{mark}] {what}: {got}" + ("" if got == want else f" (want {want})"))
    if got != want:
        failures.append(what)


def slugify(text):
    out, dash = [], False
    for c in text.lower():
        if c.isalnum():
            if dash and out:
                out.append("-")
            dash = False
            out.append(c)
        else:
            dash = True
    return "".join(out)


def is_subsequence(pattern, text):
    it = iter(text.lower())
    return all(c in it for c in pattern.lower())


def resolve(word, candidates, what, where):
    """candidates: key -> list of strings; exact (case-insensitive) first, then unique subsequence."""
    exact = [k for k, texts in candidates.items() if any(word.lower() == t.lower() for t in texts)]
    if len(exact) == 1:
        return exact[0], "exact"
    fuzzy = [k for k, texts in candidates.items() if any(is_subsequence(word, t) for t in texts)]
    if len(exact) > 1 or len(fuzzy) != 1:
        failures.append(f"{where}: {what} {word!r} matches {exact or fuzzy}")
        return None, "unresolved"
    return fuzzy[0], "fuzzy"


# --- roster ---
people = {}
with open(HERE / "gfmd-2020-roster.csv", newline="", encoding="utf-8") as f:
    rows = list(csv.DictReader(f))
for row in rows:
    group = next((g for g, (name, _) in GROUPS.items() if row["group"].lower() in (g, name.lower())), None)
    if group is None:
        failures.append(f"roster: unknown group {row['group']!r}")
        continue
    pid = slugify(row["name"])
    assert pid not in people, pid
    people[pid] = {"name": row["name"], "affiliation": row["affiliation"], "group": group}

print("Roster")
expect("representatives", len(people), 29)
entities = {(p["group"], p["affiliation"]) for p in people.values()}
expect("entities", len(entities), 25)
per_group = {g: len({a for (gg, a) in entities if gg == g}) for g in GROUPS}
expect("entities per group", per_group, {"states": 13, "civil-society": 5, "business": 2, "mayors": 3, "observers": 2})
expect("States' representatives", sum(p["group"] == "states" for p in people.values()), 17)
expect("affiliations with a comma", sum("," in p["affiliation"] for p in people.values()), 1)

# --- notes ---
name_candidates = {pid: [p["name"], p["affiliation"], pid] for pid, p in people.items()}
tag_candidates = {tid: [tid, title] for tid, title in PRIORITIES.items()}
interventions = []  # dicts: speaker, chat, start, notes [(text, tags, quote, emphasis)]
resolutions = defaultdict(int)
time_re = re.compile(r"^\[(\d\d):(\d\d)(?::(\d\d))?\]\s*")
speaker_re = re.compile(r"^@([^:(]+?)\s*(\((chat)\))?\s*(?::\s*(.*))?$")
clock = None


def add_note(text, where, turn):
    text = text.strip()
    emphasis = text.startswith("!")
    text = text.lstrip("!").strip()
    tags = []
    for word in re.findall(r"#([\w-]+)", text):
        tag, how = resolve(word, tag_candidates, "tag", where)
        resolutions["tag " + how] += 1
        tags.append(tag)
    body = re.sub(r"\s*#[\w-]+", "", text).strip()
    quote = len(body) > 1 and body[0] in "\"“" and body[-1] in "\"”"
    if quote:
        body = body[1:-1]
    turn["notes"].append({"text": body, "tags": tags, "quote": quote, "emphasis": emphasis})


for n, line in enumerate((HERE / "gfmd-2020-notes.txt").read_text(encoding="utf-8").splitlines(), 1):
    where = f"gfmd-2020-notes.txt:{n}"
    line = line.strip()
    if not line or line.startswith("//"):
        continue
    m = time_re.match(line)
    if m:
        h, mi, s = m.groups()
        new = int(h) * 3600 + int(mi) * 60 + int(s or 0)
        if clock is not None and new < clock:
            failures.append(f"{where}: time goes backwards")
        clock = new
        line = line[m.end():]
    if line.startswith("@"):
        m = speaker_re.match(line)
        pid, how = resolve(m.group(1), name_candidates, "name", where)
        resolutions["name " + how] += 1
        chat = bool(m.group(3))
        floor = [i for i in interventions if not i["chat"]]
        last = interventions[-1] if interventions else None
        # The same person again continues: the floor they hold, or their chat input just made.
        if chat and last and last["chat"] and last["speaker"] == pid:
            turn = last
        elif not chat and floor and floor[-1]["speaker"] == pid:
            turn = floor[-1]
        else:
            turn = {"speaker": pid, "chat": chat, "start": clock, "notes": []}
            interventions.append(turn)
        if m.group(4):
            add_note(m.group(4), where, turn)
    else:
        floor = [i for i in interventions if not i["chat"]]
        if not floor:
            failures.append(f"{where}: note while nobody has the floor")
            continue
        add_note(line, where, floor[-1])

if failures:
    sys.exit("FAILED:\n  " + "\n  ".join(failures))
print("Interventions")
expect("interventions and inputs", len(interventions), 21)
expect("chat inputs", sum(i["chat"] for i in interventions), 6)
expect("notes per intervention within 1..4 (except a bare @NAME line adds none)",
       all(1 <= len(i["notes"]) <= 4 for i in interventions), True)
first, last = interventions[0]["start"], interventions[-1]["start"]
print(f"  first turn {first // 3600:02}:{first // 60 % 60:02}, last turn {last // 3600:02}:{last // 60 % 60:02}")
print(f"  name resolutions: {dict(resolutions)}")

# --- tally ---
tally = {}
for tid in PRIORITIES:
    turns = [i for i in interventions if any(tid in n["tags"] for n in i["notes"])]
    counting = [i for i in turns if GROUPS[people[i["speaker"]]["group"]][1]]
    tally[tid] = {
        "interventions": len(turns),
        "counting": len(counting),
        "speakers": len({i["speaker"] for i in turns}),
        "entities": len({people[i["speaker"]]["affiliation"] for i in counting}),
        "groups": sorted({people[i["speaker"]]["group"] for i in counting}),
        "state_entities": sorted({people[i["speaker"]]["affiliation"] for i in turns
                                  if people[i["speaker"]]["group"] == "states"}),
        "emphasis": sum(n["emphasis"] for i in turns for n in i["notes"] if tid in n["tags"]),
    }
print("Tally (interventions counted from counting groups; observers listed apart)")
for tid, t in sorted(tally.items(), key=lambda kv: -kv[1]["counting"]):
    print(f"  {tid:18} {t['counting']:2} interventions ({t['interventions']} with observers), "
          f"{t['speakers']} speakers, {t['entities']} entities, {len(t['groups'])}/4 groups, "
          f"{t['emphasis']} emphasized")

all4 = ["business", "civil-society", "mayors", "states"]
ranked = sorted(tally, key=lambda k: -tally[k]["interventions"])
expect("strongest priority", ranked[0], "recruitment")
expect("recruitment interventions", tally["recruitment"]["interventions"], 9)
expect("recruitment groups", tally["recruitment"]["groups"], all4)
expect("runner-up at most 5", tally[ranked[1]]["interventions"] <= 5, True)
for tid in ("local-partners", "business-partners"):
    expect(f"{tid} groups", tally[tid]["groups"], all4)
    expect(f"{tid} fewer than recruitment", tally[tid]["interventions"] < 9, True)
expect("health State entities", len(tally["health"]["state_entities"]), 2)
for tid in ("street-children", "data", "narratives"):
    expect(f"{tid} within 2..4", 2 <= tally[tid]["interventions"] <= 4, True)
for tid in ("regularization", "pathways"):
    expect(f"{tid} once", tally[tid]["interventions"], 1)
    expect(f"{tid} strongly voiced", tally[tid]["emphasis"] >= 1, True)

print("Quotes")
quotes = [(n["text"], n["tags"], i["speaker"]) for i in interventions for n in i["notes"] if n["quote"]]
for q in QUOTES:
    hit = [x for x in quotes if x[0].startswith(q)]
    expect(f"quote {q!r}", len(hit), 1)
selfish = next(x for x in quotes if x[0].startswith("even in a selfish way"))
expect("selfish quote by a State on health",
       (people[selfish[2]]["group"], "health" in selfish[1]), ("states", True))

print("Chatham House")
name_words = {w.lower() for p in people.values() for w in re.findall(r"[\w'-]+", p["name"]) if len(w) > 2}
clean = True
for i in interventions:
    speaker = people[i["speaker"]]
    # The entity as written, and a city's own name ("Dakar" for "City of Dakar").
    own = {speaker["affiliation"].lower(), speaker["affiliation"].lower().removeprefix("city of ")}
    for n in i["notes"]:
        words = {w.lower() for w in re.findall(r"[\w'-]+", n["text"])}
        bad = (words & name_words) | {a for a in own if a in n["text"].lower()}
        if bad:
            clean = False
            failures.append(f"note names its speaker or entity {sorted(bad)}: {n['text'][:60]}")
expect("no note names a participant or its speaker's entity", clean, True)
others = sorted({a for i in interventions for n in i["notes"] for a in
                 {p["affiliation"].removeprefix("City of ") for p in people.values()}
                 if re.search(rf"\b{re.escape(a)}\b", n["text"])})
print(f"  other participants' entities named in notes (allowed, as in the reference): {others}")

if failures:
    print("\nFAILED:\n  " + "\n  ".join(failures))
    sys.exit(1)
print("\nAll figures match the reference.")
