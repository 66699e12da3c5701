#!/usr/bin/python3
"""The review page in a real browser (Debian's headless Chromium, driven by python3-selenium).

usage: review_browser_test.py THIDUA_BINARY SOURCE_DIR

Builds a page from the seeds, the authored corpus, a TCVN3 copy of a seed and hostile documents, then
checks: every document is listed and the filters narrow the list; every highlight's text is its value;
clicking a value shows it in the text; a correction made with the keyboard (Delete on a member) and
one made with the mouse (select text, add it as a member) is exported as NAME.gold.json in a zip that
`thidua eval` scores; the hostile documents run nothing and show their markup as text. Exits 77 (CTest:
skipped) when Chromium, ChromeDriver or Selenium is missing."""
import glob, io, json, os, re, shutil, subprocess, sys, tempfile, time, zipfile

thidua, src = sys.argv[1], sys.argv[2]
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import headless_chromium  # exits 77 (skipped) without python3-selenium
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.common.by import By

failures = []
def check(ok, what):
    if not ok:
        failures.append(what)
        print("FAIL:", what)

work = tempfile.mkdtemp(prefix="thidua-review-")
docs = os.path.join(work, "docs")
os.makedirs(docs)
for p in sorted(glob.glob(os.path.join(src, "corpus", "*", "*.txt"))):
    shutil.copy(p, docs)

# a seed in TCVN3, by the project's own byte table (code point -> byte)
table = {}
for line in open(os.path.join(src, "src", "text", "encodings", "tcvn3.txt"), encoding="utf-8"):
    m = re.match(r"\s*(?:0x)?([0-9A-Fa-f]{2})\s+U\+([0-9A-Fa-f]{4,5})", line)
    if m:
        table.setdefault(chr(int(m.group(2), 16)), bytes([int(m.group(1), 16)]))
seed = open(os.path.join(src, "corpus", "seeds", "seed-000.txt"), encoding="utf-8").read()
import unicodedata
def tcvn3(text):
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        if ord(ch) < 0x80: out += ch.encode()
        elif ch in table: out += table[ch]
        else:
            base = unicodedata.normalize("NFD", ch)
            out += b"".join(table.get(c, c.encode("ascii", "replace")) for c in base)
    return bytes(out)
open(os.path.join(docs, "z-seed-000.tcvn3.txt"), "wb").write(tcvn3(seed))

hostile = {
    "z-hostile-script.txt": "Khối thi đua số 1 tổ chức hội nghị.\n<script>window.__pwned = 1</script> Ngày 5/1/2024, Khối thi đua số 1 tổ chức hội nghị tổng kết công tác thi đua năm 2023 gồm Sở Nội vụ, Sở Tư pháp.\n",
    "z-hostile-close.txt": "Hội nghị tổng kết </script><script>window.__pwned = 2</script> của Khối thi đua số 2, ngày 6/1/2024, gồm Sở Tài chính, Sở Xây dựng.\n",
    "z-hostile-img.txt": "Khối thi đua số 3 <img src=x onerror=\"window.__pwned = 3\"> tổ chức hội nghị ngày 7/1/2024; <a href=\"javascript:window.__pwned=4\">xem</a>\u2028 dòng\u2029 mới.\n",
}
for name, text in hostile.items():
    open(os.path.join(docs, name), "w", encoding="utf-8").write(text)

page = os.path.join(work, "review.html")
run = subprocess.run([thidua, "review", docs, "-o", page, "--quiet"], capture_output=True, text=True)
check(run.returncode == 0, "thidua review exits 0: " + run.stderr)
html = open(page, encoding="utf-8").read()
check("Content-Security-Policy" in html and "'unsafe-inline'" not in html, "a CSP without unsafe-inline")
check("<script>window.__pwned" not in html and "onerror=\"window" not in html, "hostile markup is escaped in the data")
check("\u2028" not in html and "\u2029" not in html, "line separators are escaped")

downloads = os.path.join(work, "downloads")
os.makedirs(downloads)
d = headless_chromium.start(downloads=downloads, log_path=os.path.join(work, "chromedriver.log"),
                            extra_args=["--allow-file-access-from-files"])
try:
    d.get("file://" + page)
    time.sleep(0.5)
    n = len(os.listdir(docs))
    check(d.execute_script("return thiduaReview.shown().length") == n, "every document is listed")
    check(0 < d.execute_script("return document.querySelectorAll('#list .row').length") < n + 1, "rows in view are drawn")
    check(d.find_element(By.ID, "status").text.startswith(f"{n} of {n}"), "the status counts the documents")

    # filters: by type, then "missing decisions"
    expected = d.execute_script("return thiduaReview.docs.filter(x => x.record && x.record.meeting.type === 'tong_ket').length")
    d.execute_script("const s = document.getElementById('f-type'); s.value = 'tong_ket'; s.dispatchEvent(new Event('input'));")
    shown = d.execute_script("return thiduaReview.shown().length")
    check(shown == expected and 0 < shown < n, f"the type filter shows {expected} documents (showed {shown})")
    d.execute_script("const s = document.getElementById('f-type'); s.value = ''; s.dispatchEvent(new Event('input'));")
    search = d.find_element(By.ID, "search")
    search.send_keys("seed-00")
    shown = d.execute_script("return thiduaReview.shown().length")
    check(shown == 6, f"search 'seed-00' shows the 5 seeds and the TCVN3 copy (showed {shown})")
    search.clear()
    d.execute_script("document.getElementById('search').dispatchEvent(new Event('input'))")

    # every highlight's text is its value (members, people, decisions), in every document
    bad = d.execute_script("""
      const fold = s => s.replace(/\\s+/g, ' ').trim();
      const bad = [];
      thiduaReview.docs.forEach((doc, i) => {
        if (!doc.text) return;
        thiduaReview.open(i);
        const byPath = {};
        for (const m of document.querySelectorAll('#text mark')) byPath[m.dataset.path] = (byPath[m.dataset.path] || '') + m.textContent;
        for (const h of doc.hl) {
          const [b, e, path, field] = h;
          const idx = Number((path.match(/\\[(\\d+)\\]/) || [])[1]);
          let value = null;
          if (field === 'bloc.members') value = doc.record.bloc.members[idx].name;
          if (field === 'people') value = doc.record.people[idx].name;
          if (field === 'decisions') value = doc.record.decisions[idx].text;
          if (value === null) continue;
          if (fold(doc.text.slice(b, e)) !== fold(value)) bad.push(doc.file + ' ' + path);
          if (byPath[path] !== undefined && fold(byPath[path]) !== fold(value) && !doc.hl.some(o => o !== h && o[0] >= b && o[1] <= e && (o[1] - o[0]) < (e - b)))
            bad.push(doc.file + ' shown ' + path);
        }
      });
      return bad;""")
    check(bad == [], f"every highlight holds its value: {bad[:5]}")

    # the TCVN3 copy reads like the seed
    same = d.execute_script("""
      const a = thiduaReview.docs.find(x => x.file.endsWith('seed-000.txt'));
      const b = thiduaReview.docs.find(x => x.file.endsWith('seed-000.tcvn3.txt'));
      return a && b && b.record.source.encoding === 'tcvn3' && JSON.stringify(a.record.bloc.members.map(m => m.name)) === JSON.stringify(b.record.bloc.members.map(m => m.name));""")
    check(same, "the TCVN3 copy shows the seed's members")

    # open a seed, click a member: its highlight flashes and is in view
    idx = d.execute_script("return thiduaReview.docs.findIndex(x => x.file.endsWith('/seed-000.txt'))")
    d.execute_script("thiduaReview.open(arguments[0])", idx)
    d.find_element(By.CSS_SELECTOR, '#record .value[data-path="bloc.members[1]"] .v').click()
    flashed = d.execute_script("""
      const m = document.querySelector('#text mark[data-path="bloc.members[1]"]');
      const r = m.getBoundingClientRect(), t = document.getElementById('text').getBoundingClientRect();
      return m.classList.contains('flash') && r.top >= t.top && r.bottom <= t.bottom;""")
    check(flashed, "clicking a member flashes its highlight in view")
    d.save_screenshot(os.path.join(work, "seed-000.png"))

    # a correction with the keyboard: Delete on the first member
    before = d.execute_script("return thiduaReview.docs[arguments[0]].record.bloc.members.map(m => m.name)", idx)
    row = d.find_element(By.CSS_SELECTOR, '#record .value[data-path="bloc.members[0]"]')
    row.send_keys(Keys.DELETE)
    # ... and "w" on the (new) second member: kept, struck through, left out of the gold
    row = d.find_element(By.CSS_SELECTOR, '#record .value[data-path="bloc.members[1]"]')
    row.send_keys("w")
    check("wrong" in d.find_element(By.CSS_SELECTOR, '#record .value[data-path="bloc.members[1]"]').get_attribute("class"),
          "a value marked wrong is struck through")
    # a correction with the mouse: select a unit in the text and add it as a member
    d.execute_script("""
      const walker = document.createTreeWalker(document.getElementById('text'), NodeFilter.SHOW_TEXT);
      let node; while ((node = walker.nextNode()) && node.textContent.indexOf('Sở Nội vụ') < 0) {}
      const at = node.textContent.indexOf('Sở Nội vụ');
      const r = document.createRange(); r.setStart(node, at); r.setEnd(node, at + 'Sở Nội vụ'.length);
      const s = window.getSelection(); s.removeAllRanges(); s.addRange(r);""")
    d.execute_script("document.getElementById('add-field').value = 'bloc.members'")
    d.find_element(By.ID, "add").click()
    after = d.execute_script("return thiduaReview.corrected(thiduaReview.docs[arguments[0]]).bloc.members.map(m => m.name)", idx)
    check(after == before[1:] + ["Sở Nội vụ"], f"the corrections took: {after}")
    d.find_element(By.ID, "export").click()
    for _ in range(50):
        zips = glob.glob(os.path.join(downloads, "*.zip"))
        if zips: break
        time.sleep(0.1)
    check(len(zips) == 1, "the export downloads one zip")
    if zips:
        z = zipfile.ZipFile(zips[0])
        check(z.namelist() == ["seed-000.gold.json"], f"the zip holds the corrected gold record: {z.namelist()}")
        gold_dir = os.path.join(work, "gold")
        os.makedirs(gold_dir)
        z.extractall(gold_dir)
        # the exported gold is a valid record (the shared contract, draft 2020-12)
        try:
            import jsonschema
            schema = json.load(open(os.path.join(src, "tests", "data", "record.schema.json"), encoding="utf-8"))
            schema.pop("$id", None)  # a relative id: its "#/$defs/..." references resolve in this document
            gold = json.load(open(os.path.join(gold_dir, "seed-000.gold.json"), encoding="utf-8"))
            problems = [e.message for e in jsonschema.Draft202012Validator(schema).iter_errors(gold)]
            check(problems == [], f"the exported gold validates against the schema: {problems[:3]}")
        except ImportError:
            print("review_browser_test: no python3-jsonschema; the gold's schema check skipped")
        shutil.copy(os.path.join(docs, "seed-000.txt"), gold_dir)
        ev = subprocess.run([thidua, "eval", gold_dir], capture_output=True, text=True)
        check(ev.returncode == 0, "thidua eval reads the exported gold: " + ev.stderr)
        line = [l for l in ev.stdout.splitlines() if l.startswith("bloc.members ")]
        counts = line[0].split()[-3:] if line else []
        gold_members = json.load(open(os.path.join(gold_dir, "seed-000.gold.json"), encoding="utf-8"))["bloc"]["members"]
        check([m["name"] for m in gold_members] == [before[1]] + before[3:] + ["Sở Nội vụ"] and
              all("_wrong" not in m for m in gold_members), f"the gold leaves out what was removed or marked wrong: {gold_members}")
        # the extractor still lists the removed and the wrong member (2 extra), not the added one (1 missed)
        check(counts == [str(len(before) - 2), "2", "1"], f"eval scores the corrections: {line}")

    # hostile documents run nothing and show their markup as text
    for name in hostile:
        i = d.execute_script("return thiduaReview.docs.findIndex(x => x.file.endsWith(arguments[0]))", name)
        d.execute_script("thiduaReview.open(arguments[0])", i)
        time.sleep(0.2)
    check(d.execute_script("return window.__pwned === undefined"), "no hostile script ran")
    shown_text = d.execute_script("return document.getElementById('text').textContent")
    check("javascript:" in shown_text or "onerror" in shown_text or "<img" in shown_text or "xem" in shown_text,
          "the hostile markup shows as text (or is dropped as a tag), never runs")
    errors = [e for e in d.get_log("browser") if e["level"] == "SEVERE"]
    check(errors == [], f"no errors in the console: {errors[:3]}")
    # the page of the 200 real leads beside the checkout, when they are there
    dev = os.path.join(src, "..", "shared", "corpus-dev")
    if os.path.isdir(dev):
        dev_page = os.path.join(work, "dev.html")
        subprocess.run([thidua, "review", dev, "-o", dev_page, "--quiet"], check=True)
        d.get("file://" + dev_page)
        time.sleep(0.5)
        listed = d.execute_script("return thiduaReview.shown().length")
        check(listed == len(glob.glob(os.path.join(dev, "*.txt"))), f"corpus-dev: every document listed ({listed})")
        bad = d.execute_script("""
          const fold = s => s.replace(/\\s+/g, ' ').trim();
          const bad = [];
          thiduaReview.docs.forEach((doc, i) => {
            thiduaReview.open(i);
            for (const [b, e, path, field] of doc.hl || []) {
              const idx = Number((path.match(/\\[(\\d+)\\]/) || [])[1]);
              const value = field === 'bloc.members' ? doc.record.bloc.members[idx].name
                : field === 'people' ? doc.record.people[idx].name
                : field === 'decisions' ? doc.record.decisions[idx].text : null;
              if (value !== null && fold(doc.text.slice(b, e)) !== fold(value)) bad.push(doc.file + ' ' + path);
            }
          });
          return bad;""")
        check(bad == [], f"corpus-dev: every highlight holds its value: {bad[:5]}")
        errors = [e for e in d.get_log("browser") if e["level"] == "SEVERE"]
        check(errors == [], f"corpus-dev: no errors in the console: {errors[:3]}")
finally:
    d.quit()

if failures:
    print(f"review_browser_test: {len(failures)} failure(s); files in {work}")
    sys.exit(1)
print(f"review_browser_test: all checks passed ({n} documents)")
shutil.rmtree(work)
