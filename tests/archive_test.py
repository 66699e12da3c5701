#!/usr/bin/env python3
"""The archive and the report through the command line, read back with Python's own sqlite3.

  - upsert: a second run over the same inputs changes nothing (identical database dump) and says so;
  - an interrupted run (SIGKILL mid-write) leaves a consistent archive of whole documents, and the
    next run completes it;
  - two processes writing one archive at once both succeed, and nothing is lost;
  - --archive beside another output; a report in every format, which leaves the archive untouched.

usage: archive_test.py THIDUA SOURCE_DIR
"""
import csv
import hashlib
import io
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

THIDUA, SOURCE = sys.argv[1], sys.argv[2]
CORPUS = os.path.join(SOURCE, "corpus")
BLOC_YEARS = os.path.join(SOURCE, "tests", "data", "archive")
BATCH = 256  # documents per transaction (app/archive.cc)
failures = []


def check(condition, message):
    if not condition:
        failures.append(message)
        print("FAIL:", message)


def run(*args, **kw):
    return subprocess.run([THIDUA, *args], capture_output=True, text=True, **kw)


def dump(path):
    with sqlite3.connect(path) as db:
        return "\n".join(db.iterdump())


def query(path, sql):
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)
    try:
        return db.execute(sql).fetchall()
    finally:
        db.close()


def consistent(path):
    """integrity_check passes and every document has all its item rows: no half document."""
    check(query(path, "PRAGMA integrity_check") == [("ok",)], f"{path}: integrity_check")
    for table, column in (("members", "found_member_count"), ("decisions", "decision_count")):
        broken = query(path, f"SELECT count(*) FROM documents d WHERE d.{column} != "
                             f"(SELECT count(*) FROM {table} t WHERE t.document_id = d.id)")[0][0]
        check(broken == 0, f"{path}: {broken} documents miss {table} rows")
    orphans = query(path, "SELECT count(*) FROM members WHERE document_id NOT IN (SELECT id FROM documents)")[0][0]
    check(orphans == 0, f"{path}: {orphans} member rows without their document")


def many_documents(folder, copies):
    """Distinct documents: every corpus text, `copies` times, each copy with its own last line."""
    texts = []
    for root, _, files in os.walk(CORPUS):
        texts += [os.path.join(root, f) for f in sorted(files) if f.endswith(".txt")]
    os.makedirs(folder)
    for k in range(copies):
        for i, t in enumerate(texts):
            with open(t, "rb") as f:
                data = f.read()
            with open(os.path.join(folder, f"{k:03d}-{i:03d}.txt"), "wb") as f:
                f.write(data + f"\n\nMã tin: {k}-{i}\n".encode())
    return copies * len(texts)


def upsert(tmp):
    archive = os.path.join(tmp, "upsert.sqlite")
    first = run("extract", CORPUS, BLOC_YEARS, "-o", archive)
    check(first.returncode == 0, f"first run: {first.stderr}")
    n = query(archive, "SELECT count(*) FROM documents")[0][0]
    check(n == 54, f"54 documents archived, not {n}")
    check(f"{n} added, 0 replaced, 0 unchanged" in first.stderr, f"first run says what it did: {first.stderr}")
    before = dump(archive)
    second = run("extract", CORPUS, BLOC_YEARS, "-o", archive)
    check(second.returncode == 0 and f"0 added, 0 replaced, {n} unchanged" in second.stderr,
          f"second run: {second.stderr}")
    check(dump(archive) == before, "a second run over the same inputs leaves an identical database")
    meetings = query(archive, "SELECT count(*), sum(sources) FROM meetings")[0]
    check(meetings[0] == 47 and meetings[1] == 49, f"meetings and their sources: {meetings}")
    check(query(archive, "SELECT value FROM meta WHERE key = 'schema_version'") == [("1",)], "schema_version")
    return archive


def interrupted(tmp):
    folder = os.path.join(tmp, "many")
    total = many_documents(folder, 24)
    archive = os.path.join(tmp, "killed.sqlite")
    p = subprocess.Popen([THIDUA, "extract", folder, "-o", archive, "-j", "2", "-q"],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    committed, deadline = 0, time.time() + 120
    while committed < BATCH and time.time() < deadline and p.poll() is None:
        time.sleep(0.01)
        try:
            committed = query(archive, "SELECT count(*) FROM documents")[0][0]
        except sqlite3.Error:
            pass
    killed = p.poll() is None
    if killed:
        p.send_signal(signal.SIGKILL)
    p.wait()
    check(killed, "the run was killed before it finished (make the corpus larger if this fails)")
    consistent(archive)
    kept = query(archive, "SELECT count(*) FROM documents")[0][0]
    check(0 < kept < total and kept % BATCH == 0, f"whole batches of documents only: {kept}")
    check(query(archive, "SELECT value FROM meta WHERE key = 'meetings_current'") == [("0",)],
          "the killed run's archive says its meetings lag behind its documents")
    # a run that adds nothing still groups the meetings again
    done = [row[0] for row in query(archive, "SELECT file FROM documents ORDER BY id LIMIT 3")]
    listed = os.path.join(tmp, "done.txt")
    with open(listed, "w") as f:
        f.write("".join(name + "\n" for name in done))
    copy = os.path.join(tmp, "killed-copy.sqlite")
    for suffix in ("", "-journal"):  # a killed writer's journal goes with its database
        if os.path.exists(archive + suffix):
            with open(archive + suffix, "rb") as src, open(copy + suffix, "wb") as dst:
                dst.write(src.read())
    r = run("extract", "--files-from", listed, "-o", copy)
    check(r.returncode == 0 and "0 added, 0 replaced, 3 unchanged" in r.stderr, f"nothing new: {r.stderr}")
    check(query(copy, "SELECT value FROM meta WHERE key = 'meetings_current'") == [("1",)] and
          query(copy, "SELECT count(*) FROM meetings")[0][0] > 0, "a run with nothing new regroups a lagging archive")
    rest = run("extract", folder, "-o", archive, "-j", "2")
    check(rest.returncode == 0 and f"{total - kept} added, 0 replaced, {kept} unchanged" in rest.stderr,
          f"the next run completes it: {rest.stderr}")
    check(query(archive, "SELECT count(*) FROM documents")[0][0] == total, "every document once")
    check(query(archive, "SELECT value FROM meta WHERE key = 'meetings_current'") == [("1",)], "meetings current")
    consistent(archive)


def concurrent(tmp):
    folder = os.path.join(tmp, "many")  # made by interrupted()
    names = sorted(os.listdir(folder))
    halves = [os.path.join(tmp, "half-a.txt"), os.path.join(tmp, "half-b.txt")]
    for h, part in zip(halves, (names[: len(names) // 2], names[len(names) // 2:])):
        with open(h, "w") as f:
            f.write("".join(os.path.join(folder, n) + "\n" for n in part))
    archive = os.path.join(tmp, "shared.sqlite")
    procs = [subprocess.Popen([THIDUA, "extract", "--files-from", h, "-o", archive, "-j", "2"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True) for h in halves]
    results = [(p.wait(), p.stderr.read()) for p in procs]
    for rc, err in results:
        check(rc == 0, f"a concurrent writer failed: {err}")
    check(query(archive, "SELECT count(*) FROM documents")[0][0] == len(names), "both writers' documents")
    consistent(archive)


def outputs(tmp, archive):
    records = os.path.join(tmp, "records.jsonl")
    beside = os.path.join(tmp, "beside.sqlite")
    r = run("extract", BLOC_YEARS, "-o", records, "--archive", beside)
    check(r.returncode == 0 and sum(1 for _ in open(records)) == 7, f"--archive beside JSONL: {r.stderr}")
    check(query(beside, "SELECT count(*) FROM documents")[0][0] == 7, "--archive holds the 7 documents")
    digest = hashlib.sha256(open(archive, "rb").read()).hexdigest()
    text = run("report", archive)
    check(text.returncode == 0 and "Khối thi đua số 4 · Quảng Trị" in text.stdout and "provinces" in text.stdout,
          "the text report")
    for fmt in ("csv", "html", "xlsx"):
        out = os.path.join(tmp, "report." + fmt)
        r = run("report", archive, "-o", out, "--province", "Quảng Trị")
        check(r.returncode == 0 and os.path.getsize(out) > 0, f"report -o {out}: {r.stderr}")
    rows = list(csv.DictReader(io.open(os.path.join(tmp, "report.csv"), encoding="utf-8", newline="")))
    check([row["year"] for row in rows] == ["2022", "2023", "2024"], f"csv years: {[row['year'] for row in rows]}")
    page = open(os.path.join(tmp, "report.html"), encoding="utf-8").read()
    check("Content-Security-Policy" in page and "<svg" in page and "http://" not in page and "https://" not in page,
          "the html report is self-contained, with its time line")
    try:
        import openpyxl
        book = openpyxl.load_workbook(os.path.join(tmp, "report.xlsx"))
        check(book.sheetnames == ["blocs", "meetings", "provinces"], f"sheets: {book.sheetnames}")
        check(book["blocs"].max_row == 4, "the blocs sheet: a header and three years")
    except ImportError:
        print("(python3-openpyxl missing: the workbook is not read back)")
    check(hashlib.sha256(open(archive, "rb").read()).hexdigest() == digest, "the report leaves the archive as it was")
    same = run("report", archive, "-o", archive)
    check(same.returncode == 2 and "would be overwritten" in same.stderr, f"report onto its archive: {same.stderr}")
    bad = run("report", os.path.join(tmp, "records.jsonl"))
    check(bad.returncode == 2 and "not a thidua archive" in bad.stderr, f"report of a non-archive: {bad.stderr}")


with tempfile.TemporaryDirectory() as tmp:
    archive = upsert(tmp)
    interrupted(tmp)
    concurrent(tmp)
    outputs(tmp, archive)

print("archive test:", "FAILED" if failures else "passed")
sys.exit(1 if failures else 0)
